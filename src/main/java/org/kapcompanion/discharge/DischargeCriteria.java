package org.kapcompanion.discharge;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.FormReview;
import org.kapcompanion.forms.QuestionnaireForm;
import org.kapcompanion.gates.Finding;
import org.kapcompanion.gates.GateDecision;
import org.kapcompanion.gates.PrescriberDecision;
import org.kapcompanion.vocabulary.ItemId;

/**
 * The discharge gate's decision on the discharge checklist: the criteria items it fills in (met or not, and what was
 * not), the prescriber's override read from the checklist, and what still keeps the patient from leaving. Pure.
 */
final class DischargeCriteria {

  static final String MET = ItemId.DISCHARGE_CRITERIA_MET.linkId();
  static final String UNMET = ItemId.DISCHARGE_CRITERIA_UNMET.linkId();
  private static final String OVERRIDE_AT = ItemId.OVERRIDE_AT.linkId();

  private DischargeCriteria() {}

  /**
   * The answers with the criteria filled in from {@code decision}; when they are not met and no override time was
   * given yet, the override time is set to {@code now} for the clinician to confirm or correct.
   */
  static Answers withCriteria(Answers answers, GateDecision decision, ZonedDateTime now) {
    Answers filled = answers.with(MET, List.of(new BooleanType(decision.open())))
        .with(UNMET, decision.open() ? List.of() : List.of(new StringType(decision.summary())));
    if (decision.open() || filled.has(OVERRIDE_AT)) {
      return decision.open() ? filled.with(ItemId.OVERRIDE_PRESCRIBER.linkId(), List.of())
          .with(ItemId.OVERRIDE_REASON.linkId(), List.of()).with(OVERRIDE_AT, List.of()) : filled;
    }
    return filled.with(OVERRIDE_AT, List.of(new DateTimeType(Date.from(now.truncatedTo(ChronoUnit.MINUTES)
        .toInstant()), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(now.getZone()))));
  }

  /** The prescriber's override as the checklist records it. */
  static PrescriberDecision override(Answers answers) {
    return new PrescriberDecision(text(answers, ItemId.OVERRIDE_PRESCRIBER.linkId()),
        text(answers, ItemId.OVERRIDE_REASON.linkId()), answers.first(OVERRIDE_AT)
            .filter(BaseDateTimeType.class::isInstance).map(v -> ((BaseDateTimeType) v).getValue())
            .map(Date::toInstant));
  }

  /**
   * What keeps the patient from leaving: answers the record refutes, then (until a prescriber's override is
   * complete) every unmet criterion, then every required answer still missing.
   */
  static List<FormReview.Missing> blockers(QuestionnaireForm form, Answers answers, GateDecision decision) {
    List<FormReview.Missing> blockers = new ArrayList<>();
    decision.refusals().forEach(f -> blockers.add(missing(f)));
    if (!decision.decided(override(answers))) {
      decision.needsPrescriber().forEach(f -> blockers.add(missing(f)));
    }
    FormReview.missing(form, answers).stream()
        .filter(m -> blockers.stream().noneMatch(b -> b.linkId().equals(m.linkId())))
        .forEach(blockers::add);
    return blockers;
  }

  private static FormReview.Missing missing(Finding finding) {
    return new FormReview.Missing(finding.linkId(), finding.title(), finding.reason());
  }

  private static String text(Answers answers, String linkId) {
    return answers.first(linkId).map(Type::primitiveValue).map(String::strip).orElse("");
  }

  /** Whether the answers record a prescriber's override of unmet criteria. */
  static boolean overridden(Answers answers) {
    return answers.first(MET).map(Type::primitiveValue).filter("false"::equals).isPresent()
        && Optional.of(override(answers)).filter(PrescriberDecision::complete).isPresent();
  }
}
