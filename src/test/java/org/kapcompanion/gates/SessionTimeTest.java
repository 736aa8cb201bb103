package org.kapcompanion.gates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A dose given, or a patient ready to leave, before the session started or in the future is refused. */
class SessionTimeTest {

  private static final Instant STARTED = Instant.parse("2026-11-20T14:03:27Z");
  private static final Instant NOW = Instant.parse("2026-11-20T14:20:00Z");

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "2026-11-20T12:03:00Z | the dose time 12:03 is before the session started at 14:03: enter the time the dose was given",
      "2026-11-20T14:02:59Z | the dose time 14:02 is before the session started at 14:03: enter the time the dose was given",
      "2026-11-20T14:03:00Z | ''",
      "2026-11-20T14:20:00Z | ''",
      "2026-11-20T14:22:00Z | ''",
      "2026-11-20T14:22:01Z | the dose time 14:22 is in the future (now 14:20): enter the time the dose was given",
      "2026-11-20T16:20:00Z | the dose time 16:20 is in the future (now 14:20): enter the time the dose was given",
  })
  void aDoseIsGivenBetweenTheSessionsStartAndNow(Instant given, String problem) {
    assertThat(SessionTime.problem(SessionTime.Moment.DOSE, given, STARTED, NOW, ZoneId.of("UTC")))
        .isEqualTo(problem.isEmpty() ? Optional.empty() : Optional.of(problem));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "2026-11-20T14:02:00Z | the ready-to-leave time 14:02 is before the session started at 14:03: enter the time the patient was ready to leave",
      "2026-11-20T14:20:00Z | ''",
      "2026-11-20T14:25:00Z | the ready-to-leave time 14:25 is in the future (now 14:20): enter the time the patient was ready to leave",
  })
  void aPatientIsReadyToLeaveBetweenTheSessionsStartAndNow(Instant ready, String problem) {
    assertThat(SessionTime.problem(SessionTime.Moment.READY_TO_LEAVE, ready, STARTED, NOW, ZoneId.of("UTC")))
        .isEqualTo(problem.isEmpty() ? Optional.empty() : Optional.of(problem));
  }
}
