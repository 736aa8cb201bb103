package org.kapcompanion.monitoring;

import java.time.Instant;
import java.util.Locale;

/**
 * The next check of the monitoring schedule.
 *
 * @param what what to measure
 * @param at when it is due
 * @param minutesAfterDose its place in the schedule
 * @param state relative to now
 */
public record NextCheck(String what, Instant at, long minutesAfterDose, State state) {

  /** Whether the check is still ahead, due now, or late. */
  public enum State { UPCOMING, DUE, OVERDUE }

  public String stateName() {
    return state.name().toLowerCase(Locale.ROOT);
  }
}
