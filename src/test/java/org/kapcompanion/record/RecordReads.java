package org.kapcompanion.record;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The FHIR reads the record summary makes, as relative URLs, to make the same reads without the app. */
public final class RecordReads {

  private RecordReads() {}

  public static List<String> urls(String patientId, String fhirUser) {
    return Arrays.stream(RecordPart.values())
        .flatMap(part -> part.url(patientId, Optional.of(fhirUser)).stream())
        .toList();
  }
}
