package org.kapcompanion.writeback;

import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.SessionCode;

/**
 * Names the element at a FHIRPath location in words a clinician knows: {@code Observation.component[0].value} of a
 * blood pressure is "systolic value", {@code MedicationAdministration.dosage.dose.code} is "dose unit".
 */
final class ElementLabel {

  private static final Pattern SEGMENT = Pattern.compile("([A-Za-z]+(?:\\[x])?)(?::([A-Za-z]+))?(?:\\[(\\d+)])?");

  private static final Map<String, String> WORDS =
      Map.ofEntries(
          entry("dosage", ""), entry("actor", ""), entry("individual", ""), entry("detail", ""),
          entry("content", ""), entry("attachment", ""), entry("who", ""),
          entry("medication", "drug"), entry("effective", "time"), entry("performer", "clinician"),
          entry("subject", "patient"), entry("for", "patient"), entry("encounter", "session"),
          entry("context", "session"), entry("identifier", "entry identifier"), entry("participant", "therapist"),
          entry("partOf", "launch visit"), entry("start", "start time"), entry("end", "end time"),
          entry("due", "date"), entry("authored", "date"), entry("questionnaire", "form"),
          entry("scheduled", "schedule"), entry("contentType", "content type"), entry("data", "content"),
          entry("onBehalfOf", "organization"), entry("recorded", "time recorded"), entry("focus", "session to review"),
          entry("owner", "supervisor"), entry("lifecycleStatus", "status"), entry("class", "visit class"));

  private static final Map<String, String> COMPONENT_CODES =
      Map.of(ReadingKind.SYSTOLIC.code(), "systolic", ReadingKind.DIASTOLIC.code(), "diastolic",
          SessionCode.QUICK_TAG.value(), "quick tag");

  private ElementLabel() {}

  /** The words for the element at {@code path} in {@code resource}; empty for the resource itself. */
  static String of(IBaseResource resource, String path) {
    List<String> words = new ArrayList<>();
    String previous = "";
    for (String segment : segments(resource, path)) {
      Matcher m = SEGMENT.matcher(segment);
      if (!m.matches()) {
        continue;
      }
      String name = m.group(1).replace("[x]", "");
      String word = m.group(2) != null ? spaced(m.group(2)) : word(resource, name, previous, m.group(3));
      if ((word.equals("unit") || word.equals("amount")) && !words.isEmpty() && words.get(words.size() - 1).equals("value")) {
        words.remove(words.size() - 1);
      }
      if (!word.isEmpty() && !words.contains(word)) {
        words.add(word);
      }
      previous = name;
    }
    return String.join(" ", words);
  }

  private static List<String> segments(IBaseResource resource, String path) {
    String withoutType = path.startsWith(resource.fhirType()) ? path.substring(resource.fhirType().length()) : path;
    return List.of(withoutType.replaceAll("\\.ofType\\([^)]*\\)", "").split("\\."));
  }

  private static String word(IBaseResource resource, String name, String previous, String index) {
    if (name.equals("component") && index != null) {
      return componentLabel(resource, Integer.parseInt(index));
    }
    boolean inQuantity = previous.equals("value") || previous.equals("dose");
    if (inQuantity && name.equals("code")) {
      return "unit";
    }
    if (inQuantity && name.equals("value")) {
      return "amount";
    }
    return WORDS.getOrDefault(name, spaced(name));
  }

  private static String componentLabel(IBaseResource resource, int index) {
    if (!(resource instanceof Observation observation) || index >= observation.getComponent().size()) {
      return "component";
    }
    CodeableConcept code = observation.getComponent().get(index).getCode();
    return code.getCoding().stream()
        .map(ElementLabel::componentWord)
        .filter(word -> !word.isEmpty())
        .findFirst()
        .orElse(code.hasText() ? code.getText().toLowerCase(Locale.ROOT) : "component");
  }

  private static String componentWord(Coding coding) {
    String known = COMPONENT_CODES.get(coding.getCode());
    return known != null ? known : coding.hasDisplay() ? coding.getDisplay().toLowerCase(Locale.ROOT) : "";
  }

  /** {@code lotNumber} becomes "lot number". */
  static String spaced(String camelCase) {
    return camelCase.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }
}
