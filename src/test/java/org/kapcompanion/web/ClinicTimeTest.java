package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ClinicTimeTest {

  private static final ZoneId CLINIC = ZoneId.of("America/Chicago");

  @Test
  void aMomentIsShownOnTheClinicsClockNotInUtc() {
    Instant at = Instant.parse("2026-12-05T20:35:59Z");

    assertThat(ClinicTime.clock(at, CLINIC)).isEqualTo("14:35");
    assertThat(ClinicTime.dayAndClock(at, CLINIC)).isEqualTo("2026-12-05 14:35");
  }

  @Test
  void theDateIsTheClinicsDateAroundMidnightUtc() {
    assertThat(ClinicTime.dayAndClock(Instant.parse("2026-12-06T02:05:00Z"), CLINIC)).isEqualTo("2026-12-05 20:05");
  }
}
