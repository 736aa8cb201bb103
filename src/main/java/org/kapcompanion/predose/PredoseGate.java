package org.kapcompanion.predose;

import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.FormReview;
import org.kapcompanion.forms.QuestionnaireForm;
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
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.gates.Finding;
import org.kapcompanion.gates.GateDecision;
import org.kapcompanion.gates.StartGate;
import org.kapcompanion.vocabulary.ItemId;

/**
 * The pre-dose checklist's side of the start gate: the blood-pressure gate is computed from the baseline readings
 * and the clinic protocol (never typed), whether a prescriber's decision is required comes from the
 * {@link StartGate}, and the confirmations dosing depends on must be "yes". Pure.
 */
final class PredoseGate {

  static final String ABOVE_GATE = ItemId.BP_ABOVE_GATE.linkId();
  static final String DECIDED_AT = ItemId.PRESCRIBER_DECIDED_AT.linkId();
  static final String DECISION_REQUIRED = ItemId.DECISION_REQUIRED.linkId();
  static final String DECISION_REASONS = ItemId.DECISION_REASONS.linkId();

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

  /**
   * The answers with {@code bp-above-gate} set from the baseline readings, once both are known and were taken recently
   * enough to be the pre-dose baseline; an older reading leaves the gate unknown, never "not above".
   */
  static Answers withGate(Answers answers, ClinicalProtocol.BloodPressure gate, BaselineAge age) {
    Optional<Integer> systolic = integer(answers, ItemId.BASELINE_SYSTOLIC.linkId());
    Optional<Integer> diastolic = integer(answers, ItemId.BASELINE_DIASTOLIC.linkId());
    if (systolic.isEmpty() || diastolic.isEmpty() || !age.current(answers)) {
      return answers.with(ABOVE_GATE, List.of());
    }
    boolean above = systolic.get() > gate.systolic() || diastolic.get() > gate.diastolic();
    return answers.with(ABOVE_GATE, List.of(new BooleanType(above)));
  }

  /**
   * The answers with {@code decision-required} and what the prescriber decides on set from the start gate's
   * decision (call after {@link #withGate}, so the blood-pressure gate is among its findings).
   */
  static Answers withDecisionRequired(Answers answers, StartGate gate) {
    GateDecision decision = gate.decide(answers::first, Optional.empty());
    boolean required = !decision.needsPrescriber().isEmpty();
    return answers.with(DECISION_REQUIRED, List.of(new BooleanType(required))).with(DECISION_REASONS, required
        ? List.of(new StringType(String.join("\n", decision.needsPrescriber().stream().map(Finding::title).toList())))
        : List.of());
  }

  /**
   * The answers with the prescriber's decision time set to {@code now} when a decision is required and no time was
   * given yet, so the clinician confirms or corrects it instead of typing it.
   */
  static Answers withDecisionTime(Answers answers, ZonedDateTime now) {
    boolean required = answers.first(DECISION_REQUIRED).map(v -> "true".equals(v.primitiveValue())).orElse(false);
    if (!required || answers.has(DECIDED_AT)) {
      return answers;
    }
    return answers.with(DECIDED_AT, List.of(new DateTimeType(Date.from(now.truncatedTo(ChronoUnit.MINUTES).toInstant()), TemporalPrecisionEnum.SECOND,
        TimeZone.getTimeZone(now.getZone()))));
  }

  /**
   * Whether the checklist is complete: nothing required is missing, every confirmation is "yes", nothing the start
   * gate refuses, and a prescriber's decision to proceed (name, reason, time) where the gate requires one. Only a
   * complete checklist is saved as {@code completed}; dosing may start after it.
   */
  static boolean isComplete(QuestionnaireForm form, Answers answers, StartGate gate, BaselineAge age) {
    return blockers(form, answers, gate, Optional.empty(), age).isEmpty();
  }

  /**
   * Why dosing cannot start: what the start gate refuses, what needs a prescriber's decision not yet recorded, a
   * baseline not taken recently enough, every missing answer, then every unmet confirmation. Empty when it can.
   *
   * @param usedBy the start of a session already started on this checklist, when there is one
   * @param age whether the baseline counts at the moment the checklist is judged
   */
  static List<FormReview.Missing> blockers(QuestionnaireForm form, Answers answers, StartGate gate,
      Optional<java.time.Instant> usedBy, BaselineAge age) {
    GateDecision decision = gate.decide(answers::first, usedBy);
    List<FormReview.Missing> blockers = new ArrayList<>();
    decision.refusals().forEach(f -> blockers.add(missing(form, f)));
    if (!decision.decided(StartGate.decision(answers::first))) {
      decision.needsPrescriber().forEach(f -> blockers.add(missing(form, f)));
    }
    age.blocker(form, answers).ifPresent(blockers::add);
    blockers.addAll(FormReview.missing(form, answers));
    MUST_BE_YES.forEach((linkId, reason) -> {
      Optional<Type> answer = answers.first(linkId);
      if (answer.isPresent() && !"true".equals(answer.get().primitiveValue())) {
        blockers.add(new FormReview.Missing(linkId, form.item(linkId).map(i -> i.getText()).orElse(linkId), reason));
      }
    });
    return blockers;
  }

  /** The cautions the start gate shows (e.g. readiness "needs more preparation"), which do not block. */
  static List<Finding> cautions(Answers answers, StartGate gate) {
    return gate.decide(answers::first, Optional.empty()).cautions();
  }

  private static FormReview.Missing missing(QuestionnaireForm form, Finding finding) {
    return new FormReview.Missing(finding.linkId(), finding.title(), finding.reason());
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
