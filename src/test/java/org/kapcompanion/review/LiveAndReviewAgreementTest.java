package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.recorded.Alert;
import org.kapcompanion.recorded.AlertEvaluation;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.recorded.SessionDecoder;
import org.kapcompanion.testing.SandboxSessions.Session;
import org.kapcompanion.vocabulary.AlertCode;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.Systems;
import org.kapcompanion.writeback.SharedValidator;

/**
 * The supervisor's timeline and the therapist's dosing page judge the same readings with the same code: both decode
 * the session with {@link SessionDecoder} and judge with {@link AlertEvaluation}, so a value at a limit, a decimal
 * value or a single severe reading cannot be an alert on one and not on the other.
 */
class LiveAndReviewAgreementTest {

  private static final Instant START = Instant.parse("2026-11-19T09:00:00Z");
  private static final Session SESSION = Session.plain("agree", "p1", "t1", START).withAlert();
  private static final Instant DOSE = START.plusSeconds(600);
  private static final ClinicalProtocol.AlertRules RULES = new ClinicalProtocol.AlertRules(
      new ClinicalProtocol.BloodPressure(180, 110), 2, 5, 120, 5, 92, 2,
      new ClinicalProtocol.Severe(new ClinicalProtocol.BloodPressure(180, 110), 90, 2, 130, 45));
  private static final SessionTimeline TIMELINE = new SessionTimeline(ZoneOffset.UTC, RULES,
      new ClinicalProtocol.Monitoring(List.of(0, 40), true, 15, 120, new ClinicalProtocol.RemsWindow(25, 40, 60), 5),
      SharedValidator.PACKAGE::questionnaire);

  @Test
  void reviewMarksExactlyTheReadingsTheDosingPagesEvaluationFindsBeyondALimit() {
    List<Resource> resources = new ArrayList<>(SessionExamples.stored(SESSION));
    resources.add(vital(ReadingKind.HEART_RATE, 50, new BigDecimal("120")));
    resources.add(vital(ReadingKind.HEART_RATE, 51, new BigDecimal("121")));
    resources.add(vital(ReadingKind.OXYGEN_SATURATION, 55, new BigDecimal("91.5")));
    resources.add(vital(ReadingKind.OXYGEN_SATURATION, 56, new BigDecimal("92")));
    resources.add(scale(ReadingKind.MOAAS, 60, 2));
    resources.add(scale(ReadingKind.MOAAS, 61, 3));
    resources.add(vital(ReadingKind.HEART_RATE, 70, new BigDecimal("44")));
    resources.forEach(r -> r.getMeta().setLastUpdated(Date.from(SessionExamples.STORED)));

    List<String> reviewAlerts = TIMELINE.view(SessionExamples.record(resources)).timeline().stream()
        .filter(entry -> entry.kind().equals("Readings") && entry.alert()).map(SessionView.TimelineEntry::sinceDose)
        .toList();

    List<Reading> decoded = SessionDecoder.decode(resources).readings();
    Map<Instant, Boolean> liveByTime = new TreeMap<>();
    decoded.forEach(r -> liveByTime.merge(r.effective(), AlertEvaluation.outOfLimits(RULES, r), Boolean::logicalOr));
    List<String> liveAlerts = liveByTime.entrySet().stream().filter(Map.Entry::getValue)
        .map(e -> ReviewText.since(e.getKey(), java.util.Optional.of(DOSE))).toList();

    assertThat(reviewAlerts).isEqualTo(liveAlerts).containsExactly("+40 min", "+51 min", "+55 min", "+60 min",
        "+70 min");
    assertThat(AlertEvaluation.evaluate(RULES, decoded)).extracting(Alert::rule)
        .containsExactly(AlertCode.BP_HIGH, AlertCode.SPO2_LOW, AlertCode.SEDATION_DEEP, AlertCode.HR_LOW);
  }

  private static Observation vital(ReadingKind kind, int minute, BigDecimal value) {
    Observation observation = observation(kind, minute);
    observation.setValue(new Quantity().setValue(value).setSystem(Systems.UCUM).setCode(kind.ucum().orElseThrow()));
    return observation;
  }

  private static Observation scale(ReadingKind kind, int minute, int value) {
    Observation observation = observation(kind, minute);
    observation.setValue(new IntegerType(value));
    return observation;
  }

  private static Observation observation(ReadingKind kind, int minute) {
    Observation observation = new Observation();
    observation.setId(kind.key() + "-" + minute);
    observation.addIdentifier().setSystem(KapUrls.ENTRY_ID).setValue(UUID.randomUUID().toString());
    observation.setStatus(Observation.ObservationStatus.FINAL);
    kind.codes().forEach(code -> observation.setCode(new CodeableConcept(new Coding(code.system(), code.code(),
        code.display()))));
    observation.setEffective(new DateTimeType(Date.from(DOSE.plusSeconds(60L * minute))));
    return observation;
  }
}
