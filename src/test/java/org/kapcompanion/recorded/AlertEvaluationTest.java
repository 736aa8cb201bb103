package org.kapcompanion.recorded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.vocabulary.AlertCode;
import org.kapcompanion.vocabulary.ReadingKind;

/** The clinic's alert rules over a session's readings. */
class AlertEvaluationTest {

  private static final ClinicalProtocol.AlertRules RULES = new ClinicalProtocol.AlertRules(
      new ClinicalProtocol.BloodPressure(180, 110), 2, 5, 120, 5, 92, 2,
      new ClinicalProtocol.Severe(new ClinicalProtocol.BloodPressure(220, 140), 80, 1, 180, 35));
  /** The protocol's defaults: severe single readings at BP ≥ 180/110, SpO₂ < 90, MOAA/S ≤ 2, HR ≥ 130 or ≤ 45. */
  private static final ClinicalProtocol.AlertRules DEFAULTS = new ClinicalProtocol.AlertRules(
      new ClinicalProtocol.BloodPressure(180, 110), 2, 5, 120, 5, 92, 2,
      new ClinicalProtocol.Severe(new ClinicalProtocol.BloodPressure(180, 110), 90, 2, 130, 45));
  private static final Instant DOSE = Instant.parse("2026-11-20T14:00:00Z");

  @Test
  void oneHighBloodPressureRaisesNothing() {
    assertThat(AlertEvaluation.evaluate(RULES, List.of(bp(0, 184, 100)))).isEmpty();
  }

  @Test
  void twoHighBloodPressuresFiveMinutesApartRaiseOneEpisodeFromTheFirst() {
    List<Alert> alerts = AlertEvaluation.evaluate(RULES, List.of(bp(40, 184, 100), bp(45, 170, 112)));

    assertThat(alerts).singleElement().satisfies(alert -> {
      assertThat(alert.rule()).isEqualTo(AlertCode.BP_HIGH);
      assertThat(alert.start()).isEqualTo(at(40));
      assertThat(alert.ongoing()).isTrue();
      assertThat(alert.message()).contains("184/100", "170/112");
    });
  }

  @Test
  void highReadingsLessThanFiveMinutesApartOrInterruptedDoNotRaise() {
    assertThat(AlertEvaluation.evaluate(RULES, List.of(bp(40, 184, 100), bp(43, 185, 100)))).isEmpty();
    assertThat(AlertEvaluation.evaluate(RULES, List.of(bp(40, 184, 100), bp(45, 130, 80), bp(50, 184, 100))))
        .isEmpty();
  }

  @Test
  void episodeEndsWhenTheReadingIsBackWithinLimits() {
    List<Alert> alerts = AlertEvaluation.evaluate(RULES, List.of(bp(40, 184, 100), bp(45, 181, 100),
        bp(50, 140, 85)));

    assertThat(alerts).singleElement().satisfies(alert -> assertThat(alert.ongoing()).isFalse());
  }

  @Test
  void heartRateAboveTheLimitMustBeSustained() {
    assertThat(AlertEvaluation.evaluate(RULES, List.of(reading(ReadingKind.HEART_RATE, 10, 125),
        reading(ReadingKind.HEART_RATE, 13, 128)))).isEmpty();
    assertThat(AlertEvaluation.evaluate(RULES, List.of(reading(ReadingKind.HEART_RATE, 10, 125),
        reading(ReadingKind.HEART_RATE, 15, 122)))).extracting(Alert::rule).containsExactly(AlertCode.HR_HIGH);
    assertThat(AlertEvaluation.evaluate(RULES, List.of(reading(ReadingKind.HEART_RATE, 10, 120),
        reading(ReadingKind.HEART_RATE, 20, 120)))).isEmpty();
  }

  @Test
  void lowOxygenAndDeepSedationRaiseAtOnce() {
    List<Alert> alerts = AlertEvaluation.evaluate(RULES, List.of(reading(ReadingKind.OXYGEN_SATURATION, 20, 91),
        reading(ReadingKind.MOAAS, 25, 2), reading(ReadingKind.OXYGEN_SATURATION, 30, 92),
        reading(ReadingKind.MOAAS, 30, 3)));

    assertThat(alerts).extracting(Alert::rule).containsExactly(AlertCode.SPO2_LOW, AlertCode.SEDATION_DEEP);
    assertThat(alerts).noneMatch(Alert::ongoing);
  }

  @Test
  void twoSeparateRunsAreTwoEpisodes() {
    List<Reading> readings = new ArrayList<>(List.of(reading(ReadingKind.MOAAS, 10, 1),
        reading(ReadingKind.MOAAS, 15, 4), reading(ReadingKind.MOAAS, 20, 2)));

    assertThat(AlertEvaluation.evaluate(RULES, readings)).extracting(Alert::start).containsExactly(at(10), at(20));
  }

  @ParameterizedTest(name = "{0} {1}/{2} raises {3}")
  @CsvSource({
      "BLOOD_PRESSURE, 186, 114, BP_HIGH",
      "BLOOD_PRESSURE, 150, 110, BP_HIGH",
      "BLOOD_PRESSURE, 179, 109, ",
      "OXYGEN_SATURATION, 89, 0, SPO2_LOW",
      "MOAAS, 2, 0, SEDATION_DEEP",
      "HEART_RATE, 130, 0, HR_HIGH",
      "HEART_RATE, 129, 0, ",
      "HEART_RATE, 45, 0, HR_LOW",
      "HEART_RATE, 46, 0, "})
  void severeSingleReadingRaisesAnAlertAtOnce(ReadingKind kind, int value, int diastolic, AlertCode raised) {
    List<Alert> alerts = AlertEvaluation.evaluate(DEFAULTS, List.of(Reading.of(UUID.randomUUID().toString(), kind,
        at(10), value, diastolic)));

    assertThat(alerts).extracting(Alert::rule).isEqualTo(raised == null ? List.of() : List.of(raised));
    assertThat(alerts).allMatch(alert -> alert.start().equals(at(10)) && alert.ongoing());
  }

  private static Reading bp(int minute, int systolic, int diastolic) {
    return Reading.of(UUID.randomUUID().toString(), ReadingKind.BLOOD_PRESSURE, at(minute), systolic, diastolic);
  }

  private static Reading reading(ReadingKind kind, int minute, int value) {
    return Reading.of(UUID.randomUUID().toString(), kind, at(minute), value, 0);
  }

  private static Instant at(int minute) {
    return DOSE.plusSeconds(minute * 60L);
  }
}
