package org.kapcompanion.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the seed transaction bundles listed in {@code <prefix>index.txt} into a new database as one transaction (one
 * commit and one reference resolution instead of one per file), dates shifted so the data stays recent. A marker file
 * in the data directory records that the seed was loaded, so it happens once.
 */
final class SeedLoader {

  private static final Logger LOG = LoggerFactory.getLogger(SeedLoader.class);
  static final String MARKER_FILE = "seed-loaded";

  private final FhirContext fhirContext;
  private final IFhirSystemDao<Bundle, Meta> systemDao;
  private final String prefix;
  private final DateShift dateShift;

  SeedLoader(FhirContext fhirContext, IFhirSystemDao<Bundle, Meta> systemDao, String prefix, DateShift dateShift) {
    this.fhirContext = fhirContext;
    this.systemDao = systemDao;
    this.prefix = prefix;
    this.dateShift = dateShift;
  }

  /** What a start did with the seed. */
  enum Outcome {
    LOADED,
    ALREADY_LOADED,
    NO_SEED
  }

  Outcome loadOnce(Path dataDir) {
    Path marker = dataDir.resolve(MARKER_FILE);
    if (Files.exists(marker)) {
      return Outcome.ALREADY_LOADED;
    }
    Optional<List<String>> files = readIndex();
    if (files.isEmpty()) {
      LOG.warn("No seed index at classpath {}index.txt; the sandbox starts empty", prefix);
      return Outcome.NO_SEED;
    }
    Bundle seed = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    files.get().forEach(file -> seed.getEntry().addAll(read(file).getEntry()));
    dateShift.apply(seed);
    systemDao.transaction(new SystemRequestDetails(), seed);
    writeMarker(marker, files.get().size());
    LOG.info("Loaded {} seed bundles, dates shifted by {} days", files.get().size(), dateShift.days());
    return Outcome.LOADED;
  }

  private Optional<List<String>> readIndex() {
    return readResource("index.txt")
        .map(text -> text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
  }

  private Bundle read(String file) {
    String json = readResource(file).orElseThrow(() -> new IllegalStateException("Seed file missing: " + prefix + file));
    Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, json);
    if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
      throw new IllegalStateException("Seed file is not a transaction bundle: " + prefix + file);
    }
    return bundle;
  }

  /**
   * The one-line scenario of each seeded patient, by patient id, from {@code <prefix>scenarios.properties} (UTF-8);
   * empty when the seed has none.
   */
  static Map<String, String> scenarios(String prefix) {
    Properties lines = new Properties();
    readResource(prefix, "scenarios.properties").ifPresent(text -> {
      try {
        lines.load(new StringReader(text));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Map<String, String> result = new LinkedHashMap<>();
    lines.stringPropertyNames().forEach(id -> result.put(id, lines.getProperty(id).strip()));
    return result;
  }

  private Optional<String> readResource(String name) {
    return readResource(prefix, name);
  }

  private static Optional<String> readResource(String prefix, String name) {
    try (InputStream in = SeedLoader.class.getClassLoader().getResourceAsStream(prefix + name)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeMarker(Path marker, int bundles) {
    try {
      Files.writeString(marker, prefix + " " + bundles + " bundles, shifted " + dateShift.days() + " days\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
