package org.kapcompanion.integration;

import java.util.Arrays;
import java.util.Optional;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.OutcomeScore;

/**
 * The outcome questionnaires a plan can schedule again, with the LOINC panel codes of DESIGN §2 (PHQ-9 44249-1,
 * GAD-7 69737-5) and the Questionnaire the app ships where there is one (PCL-5 has none in fhir-profiles).
 */
enum OutcomeMeasure {
  PHQ9(OutcomeScore.PHQ9, Optional.of(KapUrls.PHQ9_FORM)),
  GAD7(OutcomeScore.GAD7, Optional.of(KapUrls.GAD7_FORM)),
  PCL5(OutcomeScore.PCL5, Optional.empty());

  private final OutcomeScore score;
  private final Optional<String> questionnaire;

  OutcomeMeasure(OutcomeScore score, Optional<String> questionnaire) {
    this.score = score;
    this.questionnaire = questionnaire;
  }

  /** Its name, e.g. "PHQ-9", as written into the plan. */
  String label() {
    return score.label();
  }

  /** Its name and how it is scored, as the plan page shows it, e.g. "PHQ-9 (0–27, self-report)". */
  String shown() {
    return score.label() + " (" + score.range() + ")";
  }

  Optional<String> questionnaire() {
    return questionnaire;
  }

  /** The measure named {@code label} (as in {@link #label()}) at the start of {@code text}. */
  static Optional<OutcomeMeasure> named(String text) {
    return Arrays.stream(values()).filter(m -> text.startsWith(m.label())).findFirst();
  }
}
