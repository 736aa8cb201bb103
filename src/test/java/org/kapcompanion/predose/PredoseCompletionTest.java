package org.kapcompanion.predose;

import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.FormCatalog;
import org.kapcompanion.forms.FormReview;
import org.kapcompanion.forms.QuestionnaireForm;
import org.kapcompanion.forms.ResponseMapper;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.gates.StartGate;
import org.kapcompanion.writeback.ConformancePackage;

/** When a pre-dose checklist counts as complete (saved {@code completed}) and when it stays a draft. */
class PredoseCompletionTest {

  private static final ClinicalProtocol.BloodPressure GATE = new ClinicalProtocol.BloodPressure(140, 90);
  private static final StartGate START = new StartGate(ClinicalProtocol.Gates.DEFAULTS, ZoneId.of("UTC"));
  private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 3, 9, 30, 0, 0, ZoneId.of("UTC"));
  private static final BaselineAge AGE = BaselineAge.of(120, NOW);
  private static final String DECISIONS = "http://kapcompanion.org/fhir/CodeSystem/kap-prescriber-decision";
  private static QuestionnaireForm predose;
  private static Answers aboveGateWithDecision;

  @BeforeAll
  static void load() throws IOException {
    FhirContext fhir = FhirContext.forR4Cached();
    predose = new FormCatalog(ConformancePackage.fromClasspath(fhir)).form(FormCatalog.PREDOSE_CHECKLIST)
        .orElseThrow();
    String example = Files.readString(
        Path.of("fhir-profiles/examples/QuestionnaireResponse-kap-example-predose-checklist.json"));
    aboveGateWithDecision = ResponseMapper.fromResponse(
        fhir.newJsonParser().parseResource(QuestionnaireResponse.class, example))
        .with("baseline-taken-at", List.of(new DateTimeType(Date.from(NOW.minusMinutes(20).toInstant()))));
  }

  private static Answers withGate(Answers answers) {
    return PredoseGate.withDecisionRequired(PredoseGate.withGate(answers, GATE, AGE), START);
  }

  @Test
  void aboveTheGateWithARecordedDecisionToProceedIsComplete() {
    Answers answers = withGate(aboveGateWithDecision);
    assertThat(answers.first(PredoseGate.ABOVE_GATE).orElseThrow().primitiveValue()).isEqualTo("true");
    assertThat(PredoseGate.isComplete(predose, answers, START, AGE)).isTrue();
  }

  @Test
  void aboveTheGateWithoutWhoDecidedStaysADraft() {
    Answers answers = withGate(aboveGateWithDecision.with("prescriber-name", List.of()));
    assertThat(PredoseGate.isComplete(predose, answers, START, AGE)).isFalse();
    assertThat(PredoseGate.blockers(predose, answers, START, Optional.empty(), AGE))
        .extracting(FormReview.Missing::linkId)
        .containsExactly("bp-above-gate", "prescriber-name");
  }

  @Test
  void aDecisionToPostponeBlocksDosing() {
    Answers answers = withGate(aboveGateWithDecision.with("prescriber-decision",
        List.of(new Coding(DECISIONS, "postpone", "Postpone dosing"))));
    assertThat(PredoseGate.isComplete(predose, answers, START, AGE)).isFalse();
    assertThat(PredoseGate.blockers(predose, answers, START, Optional.empty(), AGE))
        .extracting(FormReview.Missing::reason)
        .contains("The prescriber decided to postpone dosing.");
  }

  @Test
  void belowTheGateNoDecisionIsAskedAndAStaleOneIsNotSaved() {
    Answers answers = withGate(aboveGateWithDecision.with("baseline-systolic", List.of(new IntegerType(128)))
        .with("baseline-diastolic", List.of(new IntegerType(80))));
    assertThat(PredoseGate.isComplete(predose, answers, START, AGE)).isTrue();
    QuestionnaireResponse response = ResponseMapper.toResponse(predose, answers, new ResponseMapper.Context("e1",
        "Patient/p1", Optional.of("Encounter/e1"), Optional.of("Practitioner/t1"), new Date(), true));
    assertThat(ResponseMapper.fromResponse(response).has("prescriber-name")).isFalse();
  }

  @Test
  void aMissingRequiredAnswerOrAnUnconfirmedItemKeepsItADraft() {
    assertThat(PredoseGate.isComplete(predose, withGate(aboveGateWithDecision.with("phq9-total", List.of())), START,
        AGE))
        .isFalse();
    assertThat(PredoseGate.isComplete(predose, withGate(aboveGateWithDecision.with("fasting",
        List.of(new BooleanType(false)))), START, AGE)).isFalse();
    assertThat(PredoseGate.isComplete(predose, withGate(aboveGateWithDecision.with("baseline-systolic", List.of())),
        START, AGE)).isFalse();
  }

  @Test
  void theDecisionTimeDefaultsToNowOnlyAboveTheGateAndNeverOverridesAGivenTime() {
    ZonedDateTime now = ZonedDateTime.of(2026, 6, 2, 9, 15, 0, 0, ZoneId.of("America/Los_Angeles"));
    Answers given = withGate(aboveGateWithDecision);
    assertThat(PredoseGate.withDecisionTime(given, now).first(PredoseGate.DECIDED_AT)).isEqualTo(
        given.first(PredoseGate.DECIDED_AT));
    Answers unset = PredoseGate.withDecisionTime(given.with(PredoseGate.DECIDED_AT, List.of()), now);
    assertThat(unset.first(PredoseGate.DECIDED_AT).orElseThrow().primitiveValue()).startsWith("2026-06-02T09:15");
    Answers below = withGate(Answers.none().with("baseline-systolic", List.of(new IntegerType(120)))
        .with("baseline-diastolic", List.of(new IntegerType(70))));
    assertThat(PredoseGate.withDecisionTime(below, now).has(PredoseGate.DECIDED_AT)).isFalse();
  }
}
