package org.kapcompanion.gates;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.recorded.RecordedSession;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.Route;

/** The discharge decision from what was recorded in the session, the protocol and the checklist's answers. */
class DischargeGateTest {

  private static final ZoneId CLINIC = ZoneId.of("America/New_York");
  private static final Instant DOSE = Instant.parse("2026-11-20T16:35:00Z");
  private static final DischargeGate GATE = new DischargeGate(Protocols.defaults(), CLINIC);

  /** A session that meets every criterion 125 minutes after the dose. */
  private static List<Reading> settled() {
    return new ArrayList<>(List.of(bp(0, 128, 82), bp(40, 150, 92), bp(120, 126, 80), reading(ReadingKind.MOAAS, 120, 5),
        reading(ReadingKind.OXYGEN_SATURATION, 120, 98)));
  }

  @Test
  void settledSessionAfterTheMinimumTimeIsOpen() {
    GateDecision decision = GATE.decide(session(settled()), yesToAll(), at(125));

    assertThat(decision.findings()).isEmpty();
    assertThat(decision.open()).isTrue();
  }

  /** Hazard 1 of the clinical safety case: sedated, hypoxic and hypertensive, every box ticked "yes". */
  @Test
  void sedatedHypoxicHypertensivePatientTickedYesIsRefusedWithTheReadingsShown() {
    List<Reading> readings = settled();
    readings.addAll(List.of(bp(125, 186, 114), reading(ReadingKind.MOAAS, 125, 2),
        reading(ReadingKind.OXYGEN_SATURATION, 125, 90)));

    GateDecision decision = GATE.decide(session(readings), yesToAll(), at(125));

    assertThat(decision.refusals()).extracting(Finding::reason).anySatisfy(reason -> assertThat(reason)
        .contains("MOAA/S 2 at 13:40 — sedation has not resolved"))
        .anySatisfy(reason -> assertThat(reason).contains("Blood pressure 186/114 mmHg at 13:40"))
        .anySatisfy(reason -> assertThat(reason).contains("SpO₂ 90 % at 13:40"));
    assertThat(decision.needsPrescriber()).extracting(Finding::title).contains("Alert still open");
    assertThat(decision.opensWith(new PrescriberDecision("Dr Rivera", "Reviewed", Optional.of(at(126))))).isFalse();
  }

  @Test
  void answeredNoTheSameSessionNeedsAPrescribersOverrideAndOpensWithACompleteOne() {
    List<Reading> readings = settled();
    readings.add(reading(ReadingKind.MOAAS, 125, 3));
    ChecklistAnswers answers = yesToAll().with("sedation-resolved", false);

    GateDecision decision = GATE.decide(session(readings), answers, at(125));

    assertThat(decision.refusals()).isEmpty();
    assertThat(decision.needsPrescriber()).extracting(Finding::reason)
        .containsExactly("MOAA/S 3 at 13:40 — sedation has not resolved (baseline 5).");
    assertThat(decision.opensWith(PrescriberDecision.NONE)).isFalse();
    assertThat(decision.opensWith(new PrescriberDecision("Dr Rivera", "", Optional.of(at(126))))).isFalse();
    assertThat(decision.opensWith(new PrescriberDecision("Dr Rivera", "Responds to voice; escort is a nurse",
        Optional.of(at(126))))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "too early                 | 95  | -          | Only 95 minutes since the dose at 11:35; discharge needs at least 120.",
      "no MOAA/S recorded        | 125 | moaas      | No MOAA/S is recorded in this session, so sedation is not shown to have resolved.",
      "no 40-minute BP           | 125 | bp40       | No blood pressure is recorded about 40 minutes after the dose (due at 12:15, ± 15 min).",
      "no BP at the dose         | 125 | bp0        | No blood pressure is recorded at the dose (due at 11:35, ± 15 min).",
      "no BP before discharge    | 150 | -          | No blood pressure is recorded in the last 15 minutes.",
      "SpO₂ at the limit         | 125 | spo2-92    | SpO₂ 92 % at 13:40 — not above the discharge limit of 92 %.",
      "BP at the discharge limit | 125 | bp-160     | Blood pressure 160/90 mmHg at 13:40 — above the discharge limit (below 160/100).",
  })
  void eachUnmetCriterionNeedsAPrescriberWithTheReasonSaid(String name, int minutes, String change, String reason) {
    List<Reading> readings = settled();
    switch (change) {
      case "moaas" -> readings.removeIf(r -> r.kind() == ReadingKind.MOAAS);
      case "bp40" -> readings.removeIf(r -> r.kind() == ReadingKind.BLOOD_PRESSURE && r.value().intValue() == 150);
      case "bp0" -> readings.removeIf(r -> r.kind() == ReadingKind.BLOOD_PRESSURE && r.value().intValue() == 128);
      case "spo2-92" -> readings.add(reading(ReadingKind.OXYGEN_SATURATION, 125, 92));
      case "bp-160" -> readings.add(bp(125, 160, 90));
      default -> { }
    }
    ChecklistAnswers answers = yesToAll().with("sedation-resolved", null).with("bp-acceptable", null)
        .with("clinically-stable", null);

    GateDecision decision = GATE.decide(session(readings), answers, at(minutes));

    assertThat(decision.findings()).extracting(Finding::reason).containsExactly(reason);
    assertThat(decision.needsPrescriber()).hasSize(1);
  }

  @Test
  void theMinimumTimeRunsFromTheLatestDoseSoATopUpIsMonitoredInFull() {
    RecordedSession once = session(settled());
    List<Reading> readings = settled();
    readings.addAll(List.of(bp(60, 130, 84), bp(100, 144, 90)));
    RecordedSession twice = twice(readings);

    assertThat(GATE.decide(once, yesToAll(), at(125)).open()).isTrue();
    assertThat(GATE.decide(twice, yesToAll(), at(125)).needsPrescriber()).extracting(Finding::reason)
        .containsExactly("Only 65 minutes since the latest dose at 12:35; discharge needs at least 120.");
  }

  @Test
  void aTopUpNeedsTheBloodPressuresOfItsOwnScheduleAndThoseOfTheFirstDoseDueBeforeIt() {
    List<Reading> readings = settled();
    readings.removeIf(r -> r.kind() == ReadingKind.BLOOD_PRESSURE && r.value().intValue() == 150);
    readings.add(bp(185, 126, 80));

    assertThat(GATE.decide(twice(readings), yesToAll(), at(185)).needsPrescriber()).extracting(Finding::reason)
        .containsExactly(
            "No blood pressure is recorded about 40 minutes after the dose given at 11:35 (due at 12:15, ± 15 min).",
            "No blood pressure is recorded at the dose given at 12:35 (due at 12:35, ± 15 min).",
            "No blood pressure is recorded about 40 minutes after the dose given at 12:35 (due at 13:15, ± 15 min).");
  }

  @Test
  void noDoseRecordedNeedsAPrescriber() {
    GateDecision decision = GATE.decide(new RecordedSession(List.of(), settled(), List.of(), List.of(),
        List.of(), List.of()), yesToAll(), at(125));

    assertThat(decision.needsPrescriber()).extracting(Finding::reason).contains("No dose is recorded in this session.");
  }

  @Test
  void anOngoingAlertKeepsTheGateShutUntilTheReadingIsBackWithinLimits() {
    List<Reading> readings = settled();
    readings.add(reading(ReadingKind.HEART_RATE, 124, 134));

    assertThat(GATE.decide(session(readings), yesToAll(), at(125)).needsPrescriber()).extracting(Finding::title)
        .containsExactly("Alert still open");
    readings.add(reading(ReadingKind.HEART_RATE, 125, 88));
    assertThat(GATE.decide(session(readings), yesToAll(), at(125)).open()).isTrue();
  }

  @Test
  void dissociationAnsweredNotResolvedNeedsAPrescriber() {
    assertThat(GATE.decide(session(settled()), yesToAll().with("dissociation-resolved", false), at(125))
        .needsPrescriber()).extracting(Finding::reason).containsExactly("Dissociation is not confirmed resolved.");
  }

  @Test
  void eachControlCanBeTurnedOffInTheProtocol() {
    List<Reading> readings = new ArrayList<>(List.of(bp(125, 186, 114), reading(ReadingKind.MOAAS, 125, 2),
        reading(ReadingKind.OXYGEN_SATURATION, 125, 80)));
    DischargeGate lenient = new DischargeGate(Protocols.withDischarge(new ClinicalProtocol.Discharge(false, 70,
        new ClinicalProtocol.BloodPressure(250, 150), false, 15, false, false)), CLINIC);

    assertThat(lenient.decide(session(readings), yesToAll(), at(125)).open()).isTrue();
  }

  private static RecordedSession session(List<Reading> readings) {
    Dose dose = new Dose("dose", Drug.values()[0], BigDecimal.valueOf(50), Route.values()[0], "KX1", DOSE);
    return new RecordedSession(List.of(dose), readings.stream().sorted(java.util.Comparator.comparing(
        Reading::effective)).toList(), List.of(), List.of(), List.of(), List.of());
  }

  /** The session with a top-up of 20 mg an hour after the dose. */
  private static RecordedSession twice(List<Reading> readings) {
    Dose topUp = new Dose("top-up", Drug.values()[0], BigDecimal.valueOf(20), Route.values()[0], "KX1", at(60));
    RecordedSession once = session(readings);
    return new RecordedSession(List.of(once.doses().get(0), topUp), once.readings(), List.of(), List.of(), List.of(),
        List.of());
  }

  private static Reading bp(int minutes, int systolic, int diastolic) {
    return Reading.of("", ReadingKind.BLOOD_PRESSURE, at(minutes), systolic, diastolic);
  }

  private static Reading reading(ReadingKind kind, int minutes, int value) {
    return Reading.of("", kind, at(minutes), value, 0);
  }

  private static Instant at(int minutes) {
    return DOSE.plusSeconds(minutes * 60L);
  }

  /** Checklist answers by linkId. */
  private record Answers(Map<String, Type> values) implements ChecklistAnswers {
    @Override
    public Optional<Type> first(String linkId) {
      return Optional.ofNullable(values.get(linkId));
    }

    Answers with(String linkId, Boolean answer) {
      Map<String, Type> copy = new HashMap<>(values);
      if (answer == null) {
        copy.remove(linkId);
      } else {
        copy.put(linkId, new BooleanType(answer));
      }
      return new Answers(copy);
    }
  }

  private static Answers yesToAll() {
    Map<String, Type> values = new HashMap<>();
    for (String yes : List.of("sedation-resolved", "dissociation-resolved", "bp-acceptable", "clinically-stable")) {
      values.put(yes, new BooleanType(true));
    }
    return new Answers(values);
  }
}
