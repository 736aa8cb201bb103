package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.vocabulary.ReadingKind;

/** The next check of the monitoring schedule and its due/overdue state. */
class MonitoringScheduleTest {

  private static final ClinicalProtocol.Monitoring DEFAULTS = new ClinicalProtocol.Monitoring(List.of(0, 40), true,
      15, 120, new ClinicalProtocol.RemsWindow(25, 40, 60), 5);
  private static final Instant DOSE = Instant.parse("2026-11-20T14:00:00Z");

  @Test
  void firstCheckIsBloodPressureAtTheDoseAndDueNow() {
    NextCheck next = next(List.of(), at(1));

    assertThat(next.minutesAfterDose()).isZero();
    assertThat(next.what()).isEqualTo("Blood pressure and vitals");
    assertThat(next.state()).isEqualTo(NextCheck.State.DUE);
  }

  @Test
  void afterTheBaselineTheNextIsVitalsAtTheInterval() {
    NextCheck next = next(List.of(bp(0), hr(0)), at(2));

    assertThat(next.minutesAfterDose()).isEqualTo(15);
    assertThat(next.what()).isEqualTo("Vitals");
    assertThat(next.state()).isEqualTo(NextCheck.State.UPCOMING);
  }

  @Test
  void bloodPressureIsDueAtFortyMinutesEvenWhenVitalsWereTaken() {
    NextCheck next = next(List.of(bp(0), hr(15), hr(30)), at(36));

    assertThat(next.minutesAfterDose()).isEqualTo(40);
    assertThat(next.what()).isEqualTo("Blood pressure and vitals");
    assertThat(next.state()).isEqualTo(NextCheck.State.DUE);
  }

  @Test
  void aMissedCheckBecomesOverdueFiveMinutesAfterItsTime() {
    NextCheck next = next(List.of(bp(0), hr(0)), at(21));

    assertThat(next.minutesAfterDose()).isEqualTo(15);
    assertThat(next.state()).isEqualTo(NextCheck.State.OVERDUE);
  }

  @Test
  void bloodPressureBeforeDischargeIsDueAtTheMinimumMonitoringTime() {
    NextCheck next = next(List.of(bp(0), bp(40), hr(105)), at(110));

    assertThat(next.minutesAfterDose()).isEqualTo(120);
    assertThat(next.what()).isEqualTo("Blood pressure and vitals");
  }

  @Test
  void aTopUpStartsTheBloodPressureScheduleAgainFromItself() {
    List<Reading> readings = List.of(bp(0), bp(40), hr(45));

    NextCheck atTheTopUp = next(List.of(DOSE, at(60)), readings, at(61));
    assertThat(atTheTopUp.what()).isEqualTo("Blood pressure and vitals");
    assertThat(atTheTopUp.at()).isEqualTo(at(60));
    assertThat(atTheTopUp.state()).isEqualTo(NextCheck.State.DUE);

    NextCheck after = next(List.of(DOSE, at(60)), List.of(bp(0), bp(40), bp(60)), at(62));
    assertThat(after.at()).isEqualTo(at(75));
    assertThat(after.what()).isEqualTo("Vitals");
    NextCheck peak = next(List.of(DOSE, at(60)), List.of(bp(0), bp(40), bp(60), hr(75), hr(90)), at(95));
    assertThat(peak.what()).isEqualTo("Blood pressure and vitals");
    assertThat(peak.at()).as("40 min after the top-up, not the first dose's check before discharge").isEqualTo(at(100));
    assertThat(peak.when()).isEqualTo("40 min after the dose given at 15:00");
  }

  @Test
  void aBloodPressureMissedBeforeTheTopUpStaysOverdue() {
    NextCheck next = next(List.of(DOSE, at(50)), List.of(bp(0), hr(15), hr(30), hr(45)), at(51));

    assertThat(next.at()).isEqualTo(at(40));
    assertThat(next.state()).isEqualTo(NextCheck.State.OVERDUE);
    assertThat(next.when()).isEqualTo("40 min after the dose given at 14:00");
  }

  @Test
  void theBloodPressureBeforeDischargeIsDueAtTheMinimumTimeAfterTheLatestDose() {
    List<Reading> readings = new java.util.ArrayList<>(List.of(bp(0), bp(40), bp(60), bp(100)));
    for (int minute = 105; minute <= 165; minute += 15) {
      readings.add(hr(minute));
    }

    NextCheck next = next(List.of(DOSE, at(60)), readings, at(170));

    assertThat(next.what()).isEqualTo("Blood pressure and vitals");
    assertThat(next.at()).isEqualTo(at(180));
  }

  private static NextCheck next(List<Reading> readings, Instant now) {
    return next(List.of(DOSE), readings, now);
  }

  private static NextCheck next(List<Instant> doses, List<Reading> readings, Instant now) {
    return MonitoringSchedule.next(DEFAULTS, doses, readings, now, ZoneOffset.UTC);
  }

  private static Reading bp(int minute) {
    return Reading.of(UUID.randomUUID().toString(), ReadingKind.BLOOD_PRESSURE, at(minute), 130, 80);
  }

  private static Reading hr(int minute) {
    return Reading.of(UUID.randomUUID().toString(), ReadingKind.HEART_RATE, at(minute), 80, 0);
  }

  private static Instant at(int minute) {
    return DOSE.plusSeconds(minute * 60L);
  }
}
