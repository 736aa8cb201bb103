package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.recorded.Alert;
import org.kapcompanion.recorded.SessionDecoder;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.SandboxSessions.Session;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.SessionCode;
import org.kapcompanion.writeback.SharedValidator;

class SessionTimelineTest {

  private static final Session FLAGGED = Session.plain("s1", "p1", "t1", Instant.parse("2026-11-19T09:00:00Z"))
      .withAlert().withAdverseEvent();
  private static final Instant DOSE = Instant.parse("2026-11-19T09:10:00Z");
  private static final SessionTimeline TIMELINE = new SessionTimeline(ZoneOffset.UTC,
      new ClinicalProtocol.AlertRules(new ClinicalProtocol.BloodPressure(180, 110), 2, 5, 120, 5, 92, 2,
          new ClinicalProtocol.Severe(new ClinicalProtocol.BloodPressure(180, 110), 90, 2, 130, 45)),
      new ClinicalProtocol.Monitoring(List.of(0, 40), true, 15, 120, new ClinicalProtocol.RemsWindow(25, 40, 60), 5),
      SharedValidator.PACKAGE::questionnaire);

  @Test
  void theRemsSummaryHasDoseBloodPressuresMonitoringAndEvents() {
    SessionView.Rems rems = TIMELINE.view(SessionExamples.record(FLAGGED)).rems();
    assertThat(rems.medication()).isEqualTo("Ketamine");
    assertThat(rems.doses()).containsExactly("09:10 — Ketamine 50 mg IM, lot KT-LOT-7");
    assertThat(rems.doseTotal()).isEqualTo("Ketamine 50 mg (1 dose)");
    assertThat(rems.doseTime()).isEqualTo("2026-11-19 09:10");
    assertThat(rems.bpBefore()).isEqualTo("124/82 mmHg (pre-dose checklist)");
    assertThat(rems.bpAt40()).isEqualTo("186/112 mmHg at +40 min");
    assertThat(rems.bpAtEnd()).isEqualTo("126/80 mmHg at +120 min");
    assertThat(rems.monitoringMinutes()).isEqualTo("150 min");
    assertThat(rems.readyToLeave()).isEqualTo("2026-11-19 11:40");
    assertThat(rems.sedation()).containsExactly("MOAA/S 4 at +30 min");
    assertThat(rems.adverseEvents()).containsExactly("Vomiting at +45 min — Vomited once; settled within 15 minutes.");
  }

  @Test
  void aSecondDoseIsListedInTheRemsSummaryAndTheTimelineAndCountedInTheSessionTotal() {
    List<Resource> resources = new ArrayList<>(SessionExamples.stored(FLAGGED));
    resources.add(SandboxSessions.secondDose(resources, 30, 40));
    resources.forEach(r -> r.getMeta().setLastUpdated(Date.from(SessionExamples.STORED)));

    SessionView view = TIMELINE.view(SessionExamples.record(resources));

    assertThat(view.rems().doses()).containsExactly("09:10 — Ketamine 50 mg IM, lot KT-LOT-7",
        "09:40 — Ketamine 40 mg IM, lot KT-LOT-7");
    assertThat(view.rems().doseTotal()).isEqualTo("Ketamine 90 mg (2 doses)");
    assertThat(view.rems().doseTime()).isEqualTo("2026-11-19 09:10");
    assertThat(view.timeline()).filteredOn(entry -> entry.kind().equals("Dose"))
        .extracting(SessionView.TimelineEntry::title, SessionView.TimelineEntry::sinceDose)
        .containsExactly(tuple("Ketamine 50 mg IM", "+0 min"), tuple("Ketamine 40 mg IM", "+30 min"));
  }

  @Test
  void afterATopUpTheMidSessionBloodPressureIsTheOneAboutFortyMinutesAfterTheLatestDose() {
    List<Resource> resources = new ArrayList<>(SessionExamples.stored(FLAGGED));
    resources.add(SandboxSessions.secondDose(resources, 30, 40));
    Observation peak = (Observation) resources.stream().filter(r -> r.getIdElement().getIdPart().equals("s1-bp-040"))
        .findFirst().orElseThrow().copy();
    peak.setId("s1-bp-070");
    peak.getIdentifierFirstRep().setValue("s1-bp-070");
    peak.setEffective(new DateTimeType(Date.from(DOSE.plusSeconds(70 * 60))));
    peak.getComponent().get(0).getValueQuantity().setValue(150);
    peak.getComponent().get(1).getValueQuantity().setValue(94);
    resources.add(peak);
    resources.forEach(r -> r.getMeta().setLastUpdated(Date.from(SessionExamples.STORED)));

    SessionView.Rems rems = TIMELINE.view(SessionExamples.record(resources)).rems();

    assertThat(rems.bpAt40()).isEqualTo("150/94 mmHg at +70 min (40 min after the latest dose)");
    assertThat(rems.doseTime()).as("the summary's times still count from the first dose")
        .isEqualTo("2026-11-19 09:10");
  }

  @Test
  void theRemsSummaryPrintsWhenThePredoseBaselineWasTakenOnTheClinicsClock() {
    SessionTimeline inLosAngeles = new SessionTimeline(ZoneId.of("America/Los_Angeles"),
        new ClinicalProtocol.AlertRules(new ClinicalProtocol.BloodPressure(180, 110), 2, 5, 120, 5, 92, 2,
            new ClinicalProtocol.Severe(new ClinicalProtocol.BloodPressure(180, 110), 90, 2, 130, 45)),
        new ClinicalProtocol.Monitoring(List.of(0, 40), true, 15, 120, new ClinicalProtocol.RemsWindow(25, 40, 60), 5),
        SharedValidator.PACKAGE::questionnaire);

    assertThat(inLosAngeles.view(SessionExamples.record(FLAGGED)).rems().baselineTakenAt())
        .isEqualTo("2026-11-19 01:05");
    List<Resource> untimed = SessionExamples.stored(FLAGGED);
    untimed.stream().filter(QuestionnaireResponse.class::isInstance).map(QuestionnaireResponse.class::cast)
        .flatMap(r -> r.getItem().stream()).forEach(group -> group.getItem()
            .removeIf(item -> item.getLinkId().equals("baseline-taken-at")));
    assertThat(TIMELINE.view(SessionExamples.record(untimed)).rems().baselineTakenAt())
        .isEqualTo("Not recorded in this session");
  }

  @Test
  void withoutADischargeChecklistTheRemsSummarySaysWhatWasNotRecorded() {
    SessionView.Rems rems = TIMELINE.view(SessionExamples.record(
        FLAGGED.withDischarge(SandboxSessions.Discharge.MISSING))).rems();
    assertThat(rems.readyToLeave()).isEqualTo("Not recorded in this session");
    assertThat(rems.monitoringMinutes()).isEqualTo("160 min");
  }

  @Test
  void aDissociationScoreOfZeroIsReportedAsRecordedNotAsAbsent() {
    List<Resource> resources = SessionExamples.stored(FLAGGED);
    resources.add(score(ReadingKind.DISSOCIATION, "s1-dissociation-030", 1800, 0));
    SessionView.Rems rems = TIMELINE.view(SessionExamples.record(resources)).rems();
    assertThat(rems.dissociation()).containsExactly("Dissociation 0–4 (clinician-rated): 0 at +30 min");
  }

  @Test
  void sedationScoresAllAtBaselineAreReportedAsRecordedNotAsAbsent() {
    List<Resource> resources = SessionExamples.stored(FLAGGED);
    resources.removeIf(r -> r.getIdElement().getIdPart().equals("s1-moaas-030"));
    resources.add(score(ReadingKind.MOAAS, "s1-moaas-060", 3600, 5));
    SessionView.Rems rems = TIMELINE.view(SessionExamples.record(resources)).rems();
    assertThat(rems.sedation())
        .containsExactly("None below 5 (baseline): 1 score recorded, lowest MOAA/S 5 at +60 min");
  }

  @Test
  void monitoringTimeComesFromTheRecordAndATypedValueThatDisagreesIsShownBesideIt() {
    List<Resource> resources = SessionExamples.stored(FLAGGED);
    resources.stream().filter(QuestionnaireResponse.class::isInstance).map(QuestionnaireResponse.class::cast)
        .flatMap(r -> r.getItem().stream()).filter(item -> item.getLinkId().equals("monitoring-minutes"))
        .forEach(item -> item.getAnswerFirstRep().setValue(new IntegerType(130)));
    SessionView.Rems rems = TIMELINE.view(SessionExamples.record(resources)).rems();
    assertThat(rems.monitoringMinutes()).isEqualTo("150 min (the discharge checklist says 130 min)");
  }

  @Test
  void anAlertShowsWhoAcknowledgedItAndWhenOrThatNobodyHas() {
    List<Resource> resources = SessionExamples.stored(FLAGGED);
    assertThat(alertStatus(resources)).containsExactly("Status: Not acknowledged");
    Flag flag = resources.stream().filter(Flag.class::isInstance).map(Flag.class::cast).findFirst().orElseThrow();
    Observation note = score(ReadingKind.MOAAS, "s1-acknowledged", 2520, 0);
    note.setCode(new CodeableConcept(new Coding(SessionCode.SESSION_NOTE.code().system(),
        SessionCode.SESSION_NOTE.code().code(), null)));
    note.setValue(new StringType("Alert acknowledged: Blood pressure above threshold, by T at 09:52."));
    note.addIdentifier().setSystem(KapUrls.ENTRY_ID)
        .setValue(Alert.acknowledgementId(SessionDecoder.entryId(flag).orElseThrow()));
    note.addPerformer(new Reference("Practitioner/t1"));
    resources.add(note);
    assertThat(alertStatus(resources)).containsExactly("Status: Acknowledged by Practitioner/t1 at 09:52 (+42 min)");
  }

  private static List<String> alertStatus(List<Resource> resources) {
    return TIMELINE.view(SessionExamples.record(resources)).timeline().stream()
        .filter(entry -> entry.kind().equals("Alert")).flatMap(entry -> entry.details().stream()).toList();
  }

  private static Observation score(ReadingKind kind, String id, int secondsAfterDose, int value) {
    Observation observation = new Observation();
    observation.setId(id);
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.setCode(new CodeableConcept(new Coding(kind.codes().get(0).system(), kind.codes().get(0).code(),
        null)));
    observation.setEncounter(new Reference("Encounter/s1"));
    observation.setEffective(new DateTimeType(Date.from(DOSE.plusSeconds(secondsAfterDose))));
    observation.setValue(new IntegerType(value));
    observation.getMeta().setLastUpdatedElement(new InstantType(Date.from(SessionExamples.STORED)));
    return observation;
  }

  @Test
  void theTimelineIsInTimeOrderWithWhoRecordedItAndTheAlertsMarked() {
    SessionView view = TIMELINE.view(SessionExamples.record(FLAGGED));
    assertThat(view.timeline()).extracting(SessionView.TimelineEntry::kind).containsExactly("Checklist",
        "Readings", "Dose", "Readings", "Alert", "Readings", "Adverse event", "Readings", "Checklist");
    SessionView.TimelineEntry high = view.timeline().get(5);
    assertThat(high.title()).isEqualTo("BP 186/112");
    assertThat(high.sinceDose()).isEqualTo("+40 min");
    assertThat(high.alert()).isTrue();
    assertThat(high.recordedBy()).isEqualTo("Someone not named, 2026-11-19 11:55");
    assertThat(view.timeline().get(0).details()).contains("Blood pressure above the clinic's pre-dose gate: No");
    assertThat(view.reasons()).containsExactly("Safety alert", "Adverse event");
    assertThat(view.chart()).contains("\"name\":\"Systolic BP\"", "\"x\":40", "\"y\":186");
  }

  @Test
  void aRecordStoredAfterTheCoSignIsMarkedAsChanged() {
    List<Resource> resources = SessionExamples.stored(FLAGGED.coSignedBy("sup"));
    resources.stream().filter(r -> r.getIdElement().getIdPart().equals("s1-adverse")).forEach(r -> r.getMeta()
        .setLastUpdatedElement(new InstantType(Date.from(SessionExamples.STORED.plusSeconds(5)))));
    SessionView view = TIMELINE.view(SessionExamples.record(resources));
    assertThat(view.reviewStatusCode()).isEqualTo("changed-after-review");
    assertThat(view.timeline()).filteredOn(SessionView.TimelineEntry::changedAfterReview)
        .extracting(SessionView.TimelineEntry::kind).containsExactly("Adverse event");
    assertThat(view.coSigns()).extracting(SessionView.CoSignLine::when).containsExactly("2026-11-20 09:00");
    assertThat(view.plan()).isEqualTo(Optional.empty());
  }
}
