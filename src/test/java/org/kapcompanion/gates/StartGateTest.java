package org.kapcompanion.gates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.vocabulary.KapUrls;

/** Whether a dosing session may start, from the pre-dose checklist as recorded and the protocol's consequences. */
class StartGateTest {

  private static final ZoneId CLINIC = ZoneId.of("Europe/Berlin");
  private static final StartGate GATE = new StartGate(ClinicalProtocol.Gates.DEFAULTS, CLINIC);

  @ParameterizedTest(name = "{0} answered yes: {1}")
  @CsvSource({
      "ci-vascular, REFUSED",
      "ci-intracerebral-haemorrhage, REFUSED",
      "ci-pregnancy, REFUSED",
      "ci-psychosis-mania, REFUSED",
      "ci-hypersensitivity, REFUSED",
      "ci-substance-use, PRESCRIBER",
      "ci-hypertension, PRESCRIBER",
      "cssrs-positive, PRESCRIBER",
      "bp-above-gate, PRESCRIBER",
  })
  void eachFindingHasTheProtocolsDefaultConsequence(String linkId, Finding.Kind kind) {
    GateDecision decision = GATE.decide(answers(Map.of(linkId, new BooleanType(true))), Optional.empty());

    assertThat(decision.findings()).singleElement().satisfies(f -> {
      assertThat(f.linkId()).isEqualTo(linkId);
      assertThat(f.kind()).isEqualTo(kind);
    });
  }

  @ParameterizedTest(name = "readiness {0}: {1}")
  @CsvSource({"not-ready, PRESCRIBER", "needs-more-prep, CAUTION"})
  void readinessFromThePreparationNotesHasItsConsequence(String code, Finding.Kind kind) {
    GateDecision decision = GATE.decide(answers(Map.of("readiness", new Coding(KapUrls.READINESS, code, code))),
        Optional.empty());

    assertThat(decision.findings()).extracting(Finding::kind).containsExactly(kind);
    assertThat(GATE.decide(answers(Map.of("readiness", new Coding(KapUrls.READINESS, "ready", "Ready"))),
        Optional.empty()).findings()).isEmpty();
  }

  @Test
  void notReadyAndAPositiveSuicideScreenOpenOnlyWithACompletePrescribersDecisionToProceed() {
    Map<String, Type> given = new HashMap<>(Map.of("cssrs-positive", new BooleanType(true),
        "readiness", new Coding(KapUrls.READINESS, "not-ready", "Not ready")));
    GateDecision decision = GATE.decide(answers(given), Optional.empty());

    assertThat(decision.needsPrescriber()).hasSize(2);
    assertThat(decision.open()).isFalse();
    assertThat(decision.opensWith(StartGate.decision(answers(given)))).isFalse();
    given.putAll(Map.of("prescriber-decision", new Coding(KapUrls.PRESCRIBER_DECISIONS, "proceed", "Proceed"),
        "prescriber-name", new StringType("Dr Ana Rivera")));
    assertThat(decision.opensWith(StartGate.decision(answers(given)))).as("no reason, no time").isFalse();
    given.putAll(Map.of("prescriber-reason", new StringType("Passive ideation only; safety plan reviewed"),
        "prescriber-decided-at", new DateTimeType(Date.from(Instant.parse("2026-11-20T08:30:00Z")))));
    assertThat(decision.opensWith(StartGate.decision(answers(given)))).isTrue();
  }

  @Test
  void aPostponeDecisionRefusesAndAFreeTextNoteNeverOverrides() {
    Map<String, Type> given = Map.of("ci-vascular", new BooleanType(true),
        "ci-prescriber-note", new StringType("Discussed with Dr Rivera, proceed"));
    GateDecision absolute = GATE.decide(answers(given), Optional.empty());
    assertThat(absolute.refusals()).extracting(Finding::linkId).containsExactly("ci-vascular");
    assertThat(absolute.opensWith(new PrescriberDecision("Dr Rivera", "Proceed", Optional.of(Instant.EPOCH))))
        .isFalse();

    GateDecision postponed = GATE.decide(answers(Map.of("bp-above-gate", new BooleanType(true),
        "prescriber-decision", new Coding(KapUrls.PRESCRIBER_DECISIONS, "postpone", "Postpone"))), Optional.empty());
    assertThat(postponed.refusals()).extracting(Finding::reason)
        .containsExactly("The prescriber decided to postpone dosing.");
  }

  @Test
  void aChecklistAlreadyUsedForASessionStartsNoOther() {
    GateDecision decision = GATE.decide(answers(Map.of()), Optional.of(Instant.parse("2026-11-20T08:41:00Z")));

    assertThat(decision.refusals()).extracting(Finding::reason).containsExactly("This checklist was used for the "
        + "session started at 09:41; a new dosing session needs a new pre-dose checklist.");
  }

  @Test
  void theProtocolSetsEachConsequence() {
    Map<String, ClinicalProtocol.Consequence> start = new HashMap<>(ClinicalProtocol.Gates.defaultStart());
    start.put("ci-hypertension", ClinicalProtocol.Consequence.ABSOLUTE);
    start.put("ci-pregnancy", ClinicalProtocol.Consequence.CAUTION);
    StartGate gate = new StartGate(Protocols.withStart(start).gates(), CLINIC);

    assertThat(gate.decide(answers(Map.of("ci-hypertension", new BooleanType(true))), Optional.empty()).refusals())
        .hasSize(1);
    assertThat(gate.decide(answers(Map.of("ci-pregnancy", new BooleanType(true))), Optional.empty()).open())
        .isTrue();
  }

  private static ChecklistAnswers answers(Map<String, Type> values) {
    return linkId -> Optional.ofNullable(values.get(linkId));
  }
}
