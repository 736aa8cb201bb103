package org.kapcompanion.launch;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the launch context out of a token response's extra parameters, accepting both {@code fhirContext} shapes. */
final class LaunchContextParser {

  private LaunchContextParser() {}

  static LaunchContext parse(Map<String, Object> parameters) {
    return new LaunchContext(
        text(parameters.get("patient")),
        text(parameters.get("encounter")),
        banner(parameters.get("need_patient_banner")),
        text(parameters.get("intent")),
        text(parameters.get("smart_style_url")).flatMap(LaunchContextParser::uri),
        fhirContext(parameters.get("fhirContext")));
  }

  private static boolean banner(Object value) {
    if (value instanceof Boolean flag) {
      return flag;
    }
    return !(value instanceof String text && text.equalsIgnoreCase("false"));
  }

  private static List<LaunchContext.FhirContextItem> fhirContext(Object value) {
    List<LaunchContext.FhirContextItem> items = new ArrayList<>();
    if (!(value instanceof Collection<?> entries)) {
      return items;
    }
    for (Object entry : entries) {
      if (entry instanceof String reference) {
        items.add(new LaunchContext.FhirContextItem(Optional.of(reference), Optional.empty(), Optional.empty(),
            Optional.empty()));
      } else if (entry instanceof Map<?, ?> object) {
        items.add(new LaunchContext.FhirContextItem(text(object.get("reference")), text(object.get("canonical")),
            text(object.get("type")), text(object.get("role"))));
      }
    }
    return items;
  }

  private static Optional<String> text(Object value) {
    if (value instanceof String text) {
      return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
    return value instanceof Number ? Optional.of(value.toString()) : Optional.empty();
  }

  private static Optional<URI> uri(String text) {
    try {
      return Optional.of(URI.create(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
