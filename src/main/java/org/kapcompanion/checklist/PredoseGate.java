package org.kapcompanion.checklist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.config.ClinicalProtocol;

/**
 * The pre-dose safety rules on top of the checklist's required answers: the blood-pressure gate is computed from the
 * baseline readings and the clinic protocol (never typed), and the confirmations dosing depends on must be "yes".
 * Pure.
 */
final class PredoseGate {

  static final String ABOVE_GATE = "bp-above-gate";

  /** Confirmations that block dosing unless answered "yes", with what the clinician is told. */
  private static final Map<String, String> MUST_BE_YES = new LinkedHashMap<>();

  static {
    MUST_BE_YES.put("interactions-reviewed", "Interacting medications have not been reviewed.");
    MUST_BE_YES.put("fasting", "Fasting is not confirmed.");
    MUST_BE_YES.put("no-substances", "No-substances-today is not confirmed.");
    MUST_BE_YES.put("consent-treatment", "Consent to treatment is not recorded.");
    MUST_BE_YES.put("escort", "No escort home is arranged.");
  }

  private PredoseGate() {}

  /** The answers with {@code bp-above-gate} set from the baseline readings, once both are known. */
  static Answers withGate(Answers answers, ClinicalProtocol.BloodPressure gate) {
    Optional<Integer> systolic = integer(answers, "baseline-systolic");
    Optional<Integer> diastolic = integer(answers, "baseline-diastolic");
    if (systolic.isEmpty() || diastolic.isEmpty()) {
      return answers.with(ABOVE_GATE, List.of());
    }
    boolean above = systolic.get() > gate.systolic() || diastolic.get() > gate.diastolic();
    return answers.with(ABOVE_GATE, List.of(new BooleanType(above)));
  }

  /** Why dosing cannot start: every missing answer, then every unmet confirmation. Empty when it can. */
  static List<FormReview.Missing> blockers(QuestionnaireForm form, Answers answers) {
    List<FormReview.Missing> blockers = new ArrayList<>(FormReview.missing(form, answers));
    MUST_BE_YES.forEach((linkId, reason) -> {
      Optional<Type> answer = answers.first(linkId);
      if (answer.isPresent() && !"true".equals(answer.get().primitiveValue())) {
        blockers.add(new FormReview.Missing(linkId, form.item(linkId).map(i -> i.getText()).orElse(linkId), reason));
      }
    });
    return blockers;
  }

  private static Optional<Integer> integer(Answers answers, String linkId) {
    return answers.first(linkId).map(Type::primitiveValue).flatMap(text -> {
      try {
        return Optional.of(Integer.parseInt(text));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }
}
