package org.kapcompanion.gates;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.kapcompanion.web.ClinicTime;

/**
 * Whether a time typed for a moment of the session (a dose's "given at", the patient's "ready to leave at") is
 * plausible: not before the session started (to the minute, as the time is typed) and not in the future (beyond
 * {@link #CLOCK_SKEW} between the tablet and the server). The session clock, the discharge gate and the REMS summary
 * run from these times, so an implausible one is refused, never kept. Pure.
 */
public final class SessionTime {

  /** How far ahead of the server's clock a typed time may be, for a tablet whose clock runs a little fast. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

  /** The moments of a session whose time is typed, as a message names them. */
  public enum Moment {
    DOSE("the dose time", "the time the dose was given"),
    READY_TO_LEAVE("the ready-to-leave time", "the time the patient was ready to leave");

    private final String name;
    private final String instruction;

    Moment(String name, String instruction) {
      this.name = name;
      this.instruction = instruction;
    }
  }

  private SessionTime() {}

  /**
   * Why {@code at} is refused as the time of {@code moment} in a session started at {@code sessionStart}, at
   * {@code now}; empty when it is not.
   */
  public static Optional<String> problem(Moment moment, Instant at, Instant sessionStart, Instant now, ZoneId zone) {
    if (at.isBefore(sessionStart.truncatedTo(ChronoUnit.MINUTES))) {
      return Optional.of(moment.name + " " + ClinicTime.clock(at, zone) + " is before the session started at "
          + ClinicTime.clock(sessionStart, zone) + ": enter " + moment.instruction);
    }
    if (at.isAfter(now.plus(CLOCK_SKEW))) {
      return Optional.of(moment.name + " " + ClinicTime.clock(at, zone) + " is in the future (now "
          + ClinicTime.clock(now, zone) + "): enter " + moment.instruction);
    }
    return Optional.empty();
  }
}
