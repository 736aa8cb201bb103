package org.kapcompanion.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.vocabulary.ReadingKind;

/**
 * Pure monitoring schedule of a dosing session: blood pressure at the clinic's minutes after the dose and before
 * discharge, vitals every check interval. A check counts as done by a reading taken up to {@link #WINDOW} before it;
 * it is due from {@link #WINDOW} before until {@link #WINDOW} after its time, and overdue after that.
 */
final class MonitoringSchedule {

  static final Duration WINDOW = Duration.ofMinutes(5);

  private MonitoringSchedule() {}

  /** The next check for a session dosed at {@code dose}, given its readings, at {@code now}. */
  static NextCheck next(ClinicalProtocol.Monitoring monitoring, Instant dose, List<Reading> readings, Instant now) {
    List<Long> bpMinutes = new ArrayList<>();
    monitoring.bloodPressureAtMinutes().forEach(m -> bpMinutes.add((long) m));
    if (monitoring.bloodPressureBeforeDischarge()) {
      bpMinutes.add((long) monitoring.minimumMinutes());
    }
    Optional<Instant> lastBp = latest(readings, true);
    Optional<Instant> lastVitals = latest(readings, false);
    Optional<Long> bp = bpMinutes.stream().sorted().filter(m -> notDone(dose, m, lastBp)).findFirst();
    long interval = Math.max(1, monitoring.checkIntervalMinutes());
    long vitals = 0;
    while (!notDone(dose, vitals, lastVitals)) {
      vitals += interval;
    }
    long minutes = bp.isPresent() && bp.get() <= vitals ? bp.get() : vitals;
    String what = bp.isPresent() && bp.get() == minutes ? "Blood pressure and vitals" : "Vitals";
    Instant at = dose.plus(Duration.ofMinutes(minutes));
    return new NextCheck(what, at, minutes, state(at, now));
  }

  private static boolean notDone(Instant dose, long minutes, Optional<Instant> last) {
    Instant opens = dose.plus(Duration.ofMinutes(minutes)).minus(WINDOW);
    return last.isEmpty() || last.get().isBefore(opens);
  }

  private static Optional<Instant> latest(List<Reading> readings, boolean bloodPressureOnly) {
    return readings.stream()
        .filter(r -> bloodPressureOnly ? r.kind() == ReadingKind.BLOOD_PRESSURE : r.kind().vitalSign())
        .map(Reading::effective).max(Instant::compareTo);
  }

  private static NextCheck.State state(Instant at, Instant now) {
    if (now.isBefore(at.minus(WINDOW))) {
      return NextCheck.State.UPCOMING;
    }
    return now.isAfter(at.plus(WINDOW)) ? NextCheck.State.OVERDUE : NextCheck.State.DUE;
  }
}
