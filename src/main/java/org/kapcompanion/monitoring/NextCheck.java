package org.kapcompanion.monitoring;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The next check of the monitoring schedule.
 *
 * @param what what to measure
 * @param at when it is due
 * @param minutesAfterDose its place in the schedule, in minutes after the dose it follows
 * @param doseGiven when that dose was given, on the clinic's clock, once the session has more than one dose
 * @param state relative to now
 */
public record NextCheck(String what, Instant at, long minutesAfterDose, Optional<String> doseGiven, State state) {

  /** Whether the check is still ahead, due now, or late. */
  public enum State { UPCOMING, DUE, OVERDUE }

  public String stateName() {
    return state.name().toLowerCase(Locale.ROOT);
  }

  /** When it is due as the page says it: "at 40 min", or "40 min after the dose given at 10:30" after a top-up. */
  public String when() {
    return doseGiven.map(dose -> minutesAfterDose + " min after the dose given at " + dose)
        .orElse("at " + minutesAfterDose + " min");
  }
}
