package org.kapcompanion.gates;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kapcompanion.config.ClinicalProtocol;

/**
 * Checks timed from the doses of a session. The blood pressures the protocol asks for come at each of
 * {@code monitoring.bloodPressureAtMinutes} after every dose until the next dose is given, so a top-up starts them
 * again from itself (as the minimum monitoring time before discharge runs from the latest dose); the dosing page's
 * next check and the discharge gate both read them. Pure.
 */
public final class DoseSchedule {

  private DoseSchedule() {}

  /**
   * One check due.
   *
   * @param dose when the dose it follows was given
   * @param minutes how long after that dose it is due
   */
  public record Due(Instant dose, int minutes) {

    /** When it is due. */
    public Instant at() {
      return dose.plus(Duration.ofMinutes(minutes));
    }
  }

  /** The blood pressures due after {@code doses} (their times, oldest first), earliest first. */
  public static List<Due> bloodPressures(ClinicalProtocol.Monitoring monitoring, List<Instant> doses) {
    List<Due> due = new ArrayList<>();
    for (int i = 0; i < doses.size(); i++) {
      Instant next = i + 1 < doses.size() ? doses.get(i + 1) : Instant.MAX;
      for (int minutes : monitoring.bloodPressureAtMinutes()) {
        Due check = new Due(doses.get(i), minutes);
        if (check.at().isBefore(next)) {
          due.add(check);
        }
      }
    }
    due.sort(Comparator.comparing(Due::at));
    return List.copyOf(due);
  }
}
