package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxSchemaTest {

  @TempDir Path dataDir;

  @Test
  void aNewDataDirectoryGetsTheSchemaUpdate() {
    assertThat(new SandboxSchema(dataDir, "HAPI FHIR 8.8.0").hibernateAction()).isEqualTo("update");
  }

  @Test
  void aDatabaseThisVersionMadeSkipsTheSchemaUpdate() throws Exception {
    Files.writeString(dataDir.resolve("fhir.mv.db"), "");
    new SandboxSchema(dataDir, "HAPI FHIR 8.8.0").recordCurrent();

    assertThat(new SandboxSchema(dataDir, "HAPI FHIR 8.8.0").hibernateAction()).isEqualTo("none");
  }

  @Test
  void aDatabaseAnotherVersionMadeGetsTheSchemaUpdate() throws Exception {
    Files.writeString(dataDir.resolve("fhir.mv.db"), "");
    new SandboxSchema(dataDir, "HAPI FHIR 8.6.0").recordCurrent();

    assertThat(new SandboxSchema(dataDir, "HAPI FHIR 8.8.0").hibernateAction()).isEqualTo("update");
  }

  @Test
  void aRecordedVersionWithoutItsDatabaseGetsTheSchemaUpdate() {
    new SandboxSchema(dataDir, "HAPI FHIR 8.8.0").recordCurrent();

    assertThat(new SandboxSchema(dataDir, "HAPI FHIR 8.8.0").hibernateAction()).isEqualTo("update");
  }
}
