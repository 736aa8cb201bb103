package org.kapcompanion.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the app shows a moment to its users: on the clinic's clock, as a time of day or with its date. */
public final class ClinicTime {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY_AND_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private ClinicTime() {}

  /** {@code at} as a time of day on the clinic's clock, e.g. {@code 14:35}. */
  public static String clock(Instant at, ZoneId zone) {
    return CLOCK.format(at.atZone(zone));
  }

  /** {@code at} with its date on the clinic's clock, e.g. {@code 2026-12-05 14:35}. */
  public static String dayAndClock(Instant at, ZoneId zone) {
    return DAY_AND_CLOCK.format(at.atZone(zone));
  }
}
