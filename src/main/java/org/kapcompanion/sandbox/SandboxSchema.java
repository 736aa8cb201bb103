package org.kapcompanion.sandbox;

import ca.uhn.fhir.util.VersionUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the sandbox database's tables were made by this build's HAPI FHIR and Hibernate, recorded in a file beside
 * the database; when they were, a start skips Hibernate's schema update (it compares every table with the entities).
 *
 * @param dataDir the sandbox's data directory, where the H2 database lives
 * @param version the versions that make the tables, as recorded
 */
record SandboxSchema(Path dataDir, String version) {

  static final String FILE = "schema-version";
  private static final String DATABASE_FILE = "fhir.mv.db";

  /** The schema of this build's HAPI FHIR and Hibernate versions. */
  static SandboxSchema ofThisBuild(Path dataDir) {
    return new SandboxSchema(dataDir,
        "HAPI FHIR " + VersionUtil.getVersion() + ", Hibernate " + org.hibernate.Version.getVersionString());
  }

  /** Whether the database exists and its tables were made or updated by this build's versions. */
  boolean isCurrent() {
    Path recorded = dataDir.resolve(FILE);
    try {
      return Files.exists(dataDir.resolve(DATABASE_FILE)) && Files.exists(recorded)
          && Files.readString(recorded).strip().equals(version);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Hibernate {@code hbm2ddl.auto} action: nothing when the schema is current, an update otherwise. */
  String hibernateAction() {
    return isCurrent() ? "none" : "update";
  }

  /** Records that the tables now match this build's versions; called once the server has booted. */
  void recordCurrent() {
    try {
      Files.writeString(dataDir.resolve(FILE), version + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
