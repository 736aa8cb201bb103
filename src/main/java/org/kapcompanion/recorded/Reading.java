package org.kapcompanion.recorded;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.kapcompanion.vocabulary.ReadingKind;

/**
 * One measurement in the session: a vital sign or a scale score at a time, exactly as recorded.
 *
 * @param entryId the entry identifier (empty when the EHR's copy carries none)
 * @param kind what was measured
 * @param effective when
 * @param value the value (the systolic for blood pressure)
 * @param diastolic the diastolic, for blood pressure only
 */
public record Reading(String entryId, ReadingKind kind, Instant effective, BigDecimal value,
    Optional<BigDecimal> diastolic) {

  /** A reading of whole numbers as the page enters them; {@code diastolic} is kept for blood pressure only. */
  public static Reading of(String entryId, ReadingKind kind, Instant effective, int value, int diastolic) {
    return new Reading(entryId, kind, effective, BigDecimal.valueOf(value),
        kind == ReadingKind.BLOOD_PRESSURE ? Optional.of(BigDecimal.valueOf(diastolic)) : Optional.empty());
  }

  /** The value as the therapist reads it, e.g. {@code 132/84} or {@code 98}. */
  public String shown() {
    return plain(value) + diastolic.map(d -> "/" + plain(d)).orElse("");
  }

  /** The value with its unit, e.g. {@code 132/84 mmHg}. */
  public String withUnit() {
    return shown() + kind.unit().map(unit -> " " + unit).orElse("");
  }

  /** Whether the value (or the diastolic) is at or above {@code limit}. */
  boolean atLeast(int limit, int diastolicLimit) {
    return value.compareTo(BigDecimal.valueOf(limit)) >= 0
        || diastolic.filter(d -> d.compareTo(BigDecimal.valueOf(diastolicLimit)) >= 0).isPresent();
  }

  /** The value compared with {@code limit}: negative below, 0 at, positive above. */
  int against(int limit) {
    return value.compareTo(BigDecimal.valueOf(limit));
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }
}
