package org.kapcompanion.monitoring;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.kapcompanion.checklist.Answers;
import org.kapcompanion.checklist.FormReview;
import org.kapcompanion.checklist.QuestionnaireForm;
import org.kapcompanion.vocabulary.ItemId;

/**
 * Pure discharge rule: every required item answered, at least the clinic's minimum minutes since the dose (counted
 * by the app, not typed), and sedation and dissociation confirmed resolved.
 */
final class DischargeGate {

  static final String TIME_SINCE_DOSE = ItemId.TIME_SINCE_DOSE.linkId();
  static final String SEDATION = ItemId.SEDATION_RESOLVED.linkId();
  static final String DISSOCIATION = ItemId.DISSOCIATION_RESOLVED.linkId();

  private DischargeGate() {}

  /** What still stands in the way of discharge, each with a reason; empty when the patient may leave. */
  static List<FormReview.Missing> blockers(QuestionnaireForm form, Answers answers, long minutesSinceDose,
      int minimumMinutes) {
    List<FormReview.Missing> blockers = new ArrayList<>();
    if (minutesSinceDose < minimumMinutes) {
      blockers.add(new FormReview.Missing(TIME_SINCE_DOSE, "Minutes since the dose", "Only " + minutesSinceDose
          + " minutes since the dose; discharge needs at least " + minimumMinutes + "."));
    }
    notYes(answers, SEDATION, "Sedation resolved", "Sedation is not confirmed resolved (MOAA/S 5).", blockers);
    notYes(answers, DISSOCIATION, "Dissociation resolved", "Dissociation is not confirmed resolved.", blockers);
    FormReview.missing(form, answers).stream()
        .filter(missing -> blockers.stream().noneMatch(b -> b.linkId().equals(missing.linkId())))
        .forEach(blockers::add);
    return blockers;
  }

  private static void notYes(Answers answers, String linkId, String question, String reason,
      List<FormReview.Missing> blockers) {
    boolean no = answers.first(linkId).filter(a -> a instanceof BooleanType b && !b.booleanValue()).isPresent();
    if (no) {
      blockers.add(new FormReview.Missing(linkId, question, reason));
    }
  }
}
