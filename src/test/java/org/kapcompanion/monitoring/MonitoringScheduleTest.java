package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
    NextCheck next = MonitoringSchedule.next(DEFAULTS, DOSE, List.of(), at(1));

    assertThat(next.minutesAfterDose()).isZero();
    assertThat(next.what()).isEqualTo("Blood pressure and vitals");
    assertThat(next.state()).isEqualTo(NextCheck.State.DUE);
  }

  @Test
  void afterTheBaselineTheNextIsVitalsAtTheInterval() {
    NextCheck next = MonitoringSchedule.next(DEFAULTS, DOSE, List.of(bp(0), hr(0)), at(2));

    assertThat(next.minutesAfterDose()).isEqualTo(15);
    assertThat(next.what()).isEqualTo("Vitals");
    assertThat(next.state()).isEqualTo(NextCheck.State.UPCOMING);
  }

  @Test
  void bloodPressureIsDueAtFortyMinutesEvenWhenVitalsWereTaken() {
    NextCheck next = MonitoringSchedule.next(DEFAULTS, DOSE, List.of(bp(0), hr(15), hr(30)), at(36));

    assertThat(next.minutesAfterDose()).isEqualTo(40);
    assertThat(next.what()).isEqualTo("Blood pressure and vitals");
    assertThat(next.state()).isEqualTo(NextCheck.State.DUE);
  }

  @Test
  void aMissedCheckBecomesOverdueFiveMinutesAfterItsTime() {
    NextCheck next = MonitoringSchedule.next(DEFAULTS, DOSE, List.of(bp(0), hr(0)), at(21));

    assertThat(next.minutesAfterDose()).isEqualTo(15);
    assertThat(next.state()).isEqualTo(NextCheck.State.OVERDUE);
  }

  @Test
  void bloodPressureBeforeDischargeIsDueAtTheMinimumMonitoringTime() {
    NextCheck next = MonitoringSchedule.next(DEFAULTS, DOSE, List.of(bp(0), bp(40), hr(105)), at(110));

    assertThat(next.minutesAfterDose()).isEqualTo(120);
    assertThat(next.what()).isEqualTo("Blood pressure and vitals");
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
