package org.kapcompanion.gates;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Whether a dose's "given at" is plausible for the session it is recorded in: not before the session started (to the
 * minute, as the time is typed) and not in the future (beyond {@link #CLOCK_SKEW} between the tablet and the server).
 * The session clock and the discharge gate run from this time, so an implausible one is refused, never kept. Pure.
 */
public final class DoseTime {

  /** How far ahead of the server's clock a dose time may be, for a tablet whose clock runs a little fast. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private DoseTime() {}

  /** Why {@code given} is refused for a session started at {@code sessionStart}, at {@code now}; empty when it is not. */
  public static Optional<String> problem(Instant given, Instant sessionStart, Instant now, ZoneId zone) {
    if (given.isBefore(sessionStart.truncatedTo(ChronoUnit.MINUTES))) {
      return Optional.of("the dose time " + CLOCK.format(given.atZone(zone)) + " is before the session started at "
          + CLOCK.format(sessionStart.atZone(zone)) + ": enter the time the dose was given");
    }
    if (given.isAfter(now.plus(CLOCK_SKEW))) {
      return Optional.of("the dose time " + CLOCK.format(given.atZone(zone)) + " is in the future (now "
          + CLOCK.format(now.atZone(zone)) + "): enter the time the dose was given");
    }
    return Optional.empty();
  }
}
