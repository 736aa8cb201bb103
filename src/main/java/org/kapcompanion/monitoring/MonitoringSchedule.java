package org.kapcompanion.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.gates.DoseSchedule;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.vocabulary.ReadingKind;

/**
 * Pure monitoring schedule of a dosing session: blood pressure at the clinic's minutes after each dose
 * ({@link DoseSchedule}, which the discharge gate reads too) and before discharge, vitals every check
 * interval; a top-up starts the schedule again from itself, as the minimum time before discharge runs from the
 * latest dose. A check counts as done by a reading taken up to {@link #WINDOW} before it; it is due from
 * {@link #WINDOW} before until {@link #WINDOW} after its time, and overdue after that.
 */
final class MonitoringSchedule {

  static final Duration WINDOW = Duration.ofMinutes(5);

  private MonitoringSchedule() {}

  /**
   * The next check for a session with {@code doses} (their times, oldest first; at least one), given its readings,
   * at {@code now}; the dose it follows is named on the clinic's clock once there is more than one.
   */
  static NextCheck next(ClinicalProtocol.Monitoring monitoring, List<Instant> doses, List<Reading> readings,
      Instant now, ZoneId zone) {
    Instant latestDose = doses.get(doses.size() - 1);
    List<DoseSchedule.Due> bpDue = new ArrayList<>(DoseSchedule.bloodPressures(monitoring, doses));
    if (monitoring.bloodPressureBeforeDischarge()) {
      bpDue.add(new DoseSchedule.Due(latestDose, monitoring.minimumMinutes()));
      bpDue.sort(Comparator.comparing(DoseSchedule.Due::at));
    }
    Optional<Instant> lastBp = latest(readings, true);
    Optional<Instant> lastVitals = latest(readings, false);
    Optional<DoseSchedule.Due> bp = bpDue.stream().filter(due -> notDone(due.at(), lastBp)).findFirst();
    int interval = Math.max(1, monitoring.checkIntervalMinutes());
    DoseSchedule.Due vitals = new DoseSchedule.Due(latestDose, 0);
    while (!notDone(vitals.at(), lastVitals)) {
      vitals = new DoseSchedule.Due(latestDose, vitals.minutes() + interval);
    }
    boolean bloodPressure = bp.isPresent() && !bp.get().at().isAfter(vitals.at());
    DoseSchedule.Due check = bloodPressure ? bp.get() : vitals;
    return new NextCheck(bloodPressure ? "Blood pressure and vitals" : "Vitals", check.at(), check.minutes(),
        doses.size() > 1 ? Optional.of(SessionRecord.clockTime(check.dose(), zone)) : Optional.empty(),
        state(check.at(), now));
  }

  private static boolean notDone(Instant at, Optional<Instant> last) {
    return last.isEmpty() || last.get().isBefore(at.minus(WINDOW));
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
