package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's seed holds what KAP Companion itself wrote in past sessions (resources carrying its entry identifier),
 * and each of those must conform to its KAP profile, so the seed and the profiles cannot drift apart.
 */
class SeedConformanceTest {

  @Test
  void everySeedResourceWithAKapProfileConformsToIt() throws IOException {
    ProfileSelector selector = new ProfileSelector();
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (String file : seedFiles()) {
      for (Bundle.BundleEntryComponent entry : bundle(file).getEntry()) {
        Resource resource = entry.getResource();
        if (selector.profileFor(resource).isEmpty() || !writtenByTheApp(resource)) {
          continue;
        }
        checked++;
        ValidationResult result = SharedValidator.VALIDATOR.validate(resource);
        if (result instanceof ValidationResult.Invalid invalid) {
          invalid.errors().forEach(e -> failures.add(file + " " + resource.fhirType() + "/" + resource.getIdPart()
              + " " + e.location() + ": " + e.message() + " [" + e.detail() + "]"));
        }
      }
    }
    assertThat(checked).isGreaterThan(300);
    assertThat(failures).isEmpty();
  }

  private static boolean writtenByTheApp(Resource resource) {
    if (SharedValidator.FHIR.getResourceDefinition(resource).getChildByName("identifier") == null) {
      return false;
    }
    return SharedValidator.FHIR.newTerser().getValues(resource, "identifier.system", UriType.class).stream()
        .anyMatch(system -> "http://kapcompanion.org/fhir/sid/entry".equals(system.getValue()));
  }

  private static List<String> seedFiles() throws IOException {
    try (InputStream in = SeedConformanceTest.class.getResourceAsStream("/sandbox/seed/index.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
          .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
  }

  private static Bundle bundle(String file) throws IOException {
    try (InputStream in = SeedConformanceTest.class.getResourceAsStream("/sandbox/seed/" + file)) {
      return SharedValidator.FHIR.newJsonParser().parseResource(Bundle.class, in);
    }
  }
}
