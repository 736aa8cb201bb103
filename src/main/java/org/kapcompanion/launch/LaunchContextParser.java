package org.kapcompanion.launch;

import org.kapcompanion.session.LaunchContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the launch context out of a token response's extra parameters: {@code patient}, {@code encounter},
 * {@code need_patient_banner}, and from {@code fhirContext} (both its SMART 2.1+ object form and the 2.0 string form)
 * the encounter of a launch that names one only there. Other context (intent, style hints) is not used by the app
 * and not read.
 */
final class LaunchContextParser {

  private static final Pattern ENCOUNTER = Pattern.compile("Encounter/([A-Za-z0-9\\-.]{1,64})");

  private LaunchContextParser() {}

  static LaunchContext parse(Map<String, Object> parameters) {
    return new LaunchContext(
        text(parameters.get("patient")),
        text(parameters.get("encounter")).or(() -> encounterInFhirContext(parameters.get("fhirContext"))),
        banner(parameters.get("need_patient_banner")));
  }

  private static boolean banner(Object value) {
    if (value instanceof Boolean flag) {
      return flag;
    }
    return !(value instanceof String text && text.equalsIgnoreCase("false"));
  }

  /** The id of the one Encounter {@code fhirContext} refers to; none when it names no Encounter or several. */
  private static Optional<String> encounterInFhirContext(Object value) {
    if (!(value instanceof Collection<?> entries)) {
      return Optional.empty();
    }
    List<String> encounters = entries.stream()
        .map(entry -> entry instanceof Map<?, ?> object ? object.get("reference") : entry)
        .flatMap(reference -> text(reference).stream())
        .map(ENCOUNTER::matcher)
        .filter(java.util.regex.Matcher::matches)
        .map(m -> m.group(1))
        .distinct()
        .toList();
    return encounters.size() == 1 ? Optional.of(encounters.get(0)) : Optional.empty();
  }

  private static Optional<String> text(Object value) {
    if (value instanceof String text) {
      return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
    return value instanceof Number ? Optional.of(value.toString()) : Optional.empty();
  }
}
