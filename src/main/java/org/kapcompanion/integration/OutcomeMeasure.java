package org.kapcompanion.integration;

import java.util.Arrays;
import java.util.Optional;
import org.kapcompanion.vocabulary.KapUrls;

/**
 * The outcome questionnaires a plan can schedule again, with the LOINC panel codes of DESIGN §2 (PHQ-9 44249-1,
 * GAD-7 69737-5) and the Questionnaire the app ships where there is one (PCL-5 has none in fhir-profiles).
 */
enum OutcomeMeasure {
  PHQ9("PHQ-9", Optional.of(KapUrls.PHQ9_FORM)),
  GAD7("GAD-7", Optional.of(KapUrls.GAD7_FORM)),
  PCL5("PCL-5", Optional.empty());

  private final String label;
  private final Optional<String> questionnaire;

  OutcomeMeasure(String label, Optional<String> questionnaire) {
    this.label = label;
    this.questionnaire = questionnaire;
  }

  String label() {
    return label;
  }

  Optional<String> questionnaire() {
    return questionnaire;
  }

  /** The measure named {@code label} (as in {@link #label()}) at the start of {@code text}. */
  static Optional<OutcomeMeasure> named(String text) {
    return Arrays.stream(values()).filter(m -> text.startsWith(m.label)).findFirst();
  }
}
