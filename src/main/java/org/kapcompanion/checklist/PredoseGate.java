package org.kapcompanion.checklist;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.vocabulary.ItemId;

/**
 * The pre-dose safety rules on top of the checklist's required answers: the blood-pressure gate is computed from the
 * baseline readings and the clinic protocol (never typed), and the confirmations dosing depends on must be "yes".
 * Pure.
 */
final class PredoseGate {

  static final String ABOVE_GATE = ItemId.BP_ABOVE_GATE.linkId();
  static final String DECIDED_AT = ItemId.PRESCRIBER_DECIDED_AT.linkId();
  private static final String DECISION = ItemId.PRESCRIBER_DECISION.linkId();
  private static final String POSTPONE = "postpone";

  /** Confirmations that block dosing unless answered "yes", with what the clinician is told. */
  private static final Map<String, String> MUST_BE_YES = new LinkedHashMap<>();

  static {
    MUST_BE_YES.put(ItemId.INTERACTIONS_REVIEWED.linkId(), "Interacting medications have not been reviewed.");
    MUST_BE_YES.put(ItemId.FASTING.linkId(), "Fasting is not confirmed.");
    MUST_BE_YES.put(ItemId.NO_SUBSTANCES.linkId(), "No-substances-today is not confirmed.");
    MUST_BE_YES.put(ItemId.CONSENT_TREATMENT.linkId(), "Consent to treatment is not recorded.");
    MUST_BE_YES.put(ItemId.ESCORT.linkId(), "No escort home is arranged.");
  }

  private PredoseGate() {}

  /** The answers with {@code bp-above-gate} set from the baseline readings, once both are known. */
  static Answers withGate(Answers answers, ClinicalProtocol.BloodPressure gate) {
    Optional<Integer> systolic = integer(answers, ItemId.BASELINE_SYSTOLIC.linkId());
    Optional<Integer> diastolic = integer(answers, ItemId.BASELINE_DIASTOLIC.linkId());
    if (systolic.isEmpty() || diastolic.isEmpty()) {
      return answers.with(ABOVE_GATE, List.of());
    }
    boolean above = systolic.get() > gate.systolic() || diastolic.get() > gate.diastolic();
    return answers.with(ABOVE_GATE, List.of(new BooleanType(above)));
  }

  /**
   * The answers with the prescriber's decision time set to {@code now} when the blood pressure is above the gate and no
   * time was given yet, so the clinician confirms or corrects it instead of typing it.
   */
  static Answers withDecisionTime(Answers answers, ZonedDateTime now) {
    boolean above = answers.first(ABOVE_GATE).map(v -> "true".equals(v.primitiveValue())).orElse(false);
    if (!above || answers.has(DECIDED_AT)) {
      return answers;
    }
    return answers.with(DECIDED_AT, List.of(new DateTimeType(Date.from(now.truncatedTo(ChronoUnit.MINUTES).toInstant()), TemporalPrecisionEnum.SECOND,
        TimeZone.getTimeZone(now.getZone()))));
  }

  /**
   * Whether the checklist is complete: nothing required is missing, every confirmation is "yes" and the
   * blood-pressure gate is resolved (below it, or a prescriber's decision to proceed is recorded). Only a complete
   * checklist is saved as {@code completed}; dosing may start after it.
   */
  static boolean isComplete(QuestionnaireForm form, Answers answers) {
    return blockers(form, answers).isEmpty();
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
    boolean postponed = answers.first(DECISION).filter(Coding.class::isInstance)
        .map(decision -> POSTPONE.equals(((Coding) decision).getCode())).orElse(false);
    if (postponed && EnableWhen.isEnabled(form, form.item(DECISION).orElseThrow(), answers)) {
      blockers.add(new FormReview.Missing(DECISION, form.item(DECISION).get().getText(),
          "The prescriber decided to postpone dosing."));
    }
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
