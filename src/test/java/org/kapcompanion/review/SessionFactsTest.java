package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.SandboxSessions.Discharge;
import org.kapcompanion.testing.SandboxSessions.Session;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReviewReason;

class SessionFactsTest {

  private static final Session PLAIN = Session.plain("s1", "p1", "t1", Instant.parse("2026-11-19T09:00:00Z"));

  @Test
  void aQuietSessionWithACompletedDischargeNeedsNoAttention() {
    SessionFacts facts = SessionExamples.facts(PLAIN);
    assertThat(facts.reasons()).isEmpty();
    assertThat(facts.therapist()).contains("Practitioner/t1");
    assertThat(facts.patientId()).isEqualTo("p1");
    assertThat(facts.coSign()).isEmpty();
    assertThat(facts.lastAuthored()).contains(Instant.parse("2026-11-19T11:55:00Z"));
  }

  @Test
  void alertsAdverseEventsGateDecisionsAndUnfinishedDischargesNeedAttention() {
    assertThat(SessionExamples.facts(PLAIN.withAlert()).reasons()).containsExactly(ReviewReason.SAFETY_ALERT);
    assertThat(SessionExamples.facts(PLAIN.withAdverseEvent()).reasons()).containsExactly(ReviewReason.ADVERSE_EVENT);
    assertThat(SessionExamples.facts(PLAIN.withBpGateDecision()).reasons())
        .containsExactly(ReviewReason.PREDOSE_PRESCRIBER_DECISION);
    assertThat(SessionExamples.facts(PLAIN.withDischarge(Discharge.IN_PROGRESS)).reasons())
        .containsExactly(ReviewReason.DISCHARGE_INCOMPLETE);
    assertThat(SessionExamples.facts(PLAIN.withDischarge(Discharge.MISSING)).reasons())
        .containsExactly(ReviewReason.DISCHARGE_INCOMPLETE);
  }

  @Test
  void aDischargeOnAPrescribersOverrideNeedsAttentionAndGoesFirst() {
    List<Resource> resources = SessionExamples.stored(PLAIN);
    resources.stream().filter(QuestionnaireResponse.class::isInstance).map(QuestionnaireResponse.class::cast)
        .filter(r -> r.getQuestionnaire().startsWith(KapUrls.DISCHARGE_CHECKLIST))
        .forEach(r -> r.addItem().setLinkId("override-prescriber").addAnswer().setValue(new StringType("Dr Rivera")));
    SessionFacts facts = SessionExamples.record(resources).facts().orElseThrow();

    assertThat(facts.reasons()).containsExactly(ReviewReason.DISCHARGE_OVERRIDE);
    ReviewEntry overridden = ReviewEntry.of(facts, Optional.empty());
    ReviewEntry alert = ReviewEntry.of(SessionExamples.facts(PLAIN.withAlert()), Optional.empty());
    assertThat(overridden.overridden()).isTrue();
    assertThat(alert.overridden()).isFalse();
  }

  @Test
  void aMisuseAnswerOrACourseSignalOnThePredoseChecklistIsAReviewReason() {
    record Row(String linkId, org.hl7.fhir.r4.model.Type answer, boolean reason) {}
    for (Row row : List.of(
        new Row("misuse-craving", new org.hl7.fhir.r4.model.BooleanType(true), true),
        new Row("misuse-outside-use", new org.hl7.fhir.r4.model.BooleanType(true), true),
        new Row("misuse-more-requested", new org.hl7.fhir.r4.model.BooleanType(true), true),
        new Row("misuse-craving", new org.hl7.fhir.r4.model.BooleanType(false), false),
        new Row("course-signals", new StringType("Signal — Session spacing: 1 day apart"), true),
        new Row("course-signals", new StringType("Not checked — Substance-use history: Could not be read"), false),
        new Row("course-signals", new StringType("No signal in what the EHR holds."), false))) {
      List<Resource> resources = SessionExamples.stored(PLAIN);
      resources.stream().filter(QuestionnaireResponse.class::isInstance).map(QuestionnaireResponse.class::cast)
          .filter(r -> r.getQuestionnaire().startsWith(KapUrls.PREDOSE_CHECKLIST))
          .forEach(r -> r.addItem().setLinkId("misuse-watch").addItem().setLinkId(row.linkId()).addAnswer()
              .setValue(row.answer()));
      SessionFacts facts = SessionExamples.record(resources).facts().orElseThrow();
      assertThat(facts.reasons().contains(ReviewReason.MISUSE_SIGNAL)).as(row.toString()).isEqualTo(row.reason());
    }
  }

  @Test
  void aCoSignIsRefusedWhileTheSessionIsRunning() {
    List<Resource> resources = SessionExamples.stored(PLAIN);
    resources.stream().filter(Encounter.class::isInstance).map(Encounter.class::cast)
        .forEach(e -> e.setStatus(Encounter.EncounterStatus.INPROGRESS));

    assertThat(SessionReviewPage.cosignGate(SessionExamples.record(resources)).refusals())
        .extracting(org.kapcompanion.gates.Finding::title).containsExactly("Session still running");
    assertThat(SessionReviewPage.cosignGate(SessionExamples.record(PLAIN)).open()).isTrue();
  }

  @Test
  void anAlertEnteredInErrorDoesNotCount() {
    List<Resource> resources = SessionExamples.stored(PLAIN.withAlert());
    resources.stream().filter(Flag.class::isInstance).map(Flag.class::cast)
        .forEach(flag -> flag.setStatus(Flag.FlagStatus.ENTEREDINERROR));
    assertThat(SessionExamples.record(resources).facts().orElseThrow().reasons()).isEmpty();
  }

  @Test
  void theLatestVerifierIsTheCoSign() {
    SessionFacts facts = SessionExamples.facts(PLAIN.coSignedBy("sup"));
    assertThat(facts.coSign()).hasValueSatisfying(coSign -> {
      assertThat(coSign.supervisor()).isEqualTo("Practitioner/sup");
      assertThat(coSign.recorded()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
      assertThat(coSign.stored()).isEqualTo(SessionExamples.STORED);
    });
  }

  @Test
  void onlyDosingSessionsAreReviewed() {
    List<Resource> resources = SessionExamples.stored(PLAIN);
    resources.stream().filter(Encounter.class::isInstance).map(Encounter.class::cast).forEach(e -> e.setType(
        List.of(new CodeableConcept(new Coding(KapUrls.SESSION_TYPES, "integration-session", null)))));
    assertThat(SessionExamples.record(resources).facts()).isEqualTo(Optional.empty());
  }
}
