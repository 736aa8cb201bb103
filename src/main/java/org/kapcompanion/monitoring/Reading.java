package org.kapcompanion.monitoring;

import java.time.Instant;
import org.kapcompanion.vocabulary.ReadingKind;

/**
 * One measurement in the session: a vital sign or a scale score at a time. Blood pressure carries the systolic in
 * {@code value} and the diastolic in {@code second}; other kinds leave {@code second} at 0.
 *
 * @param entryId the entry identifier (also used to match the EHR's copy)
 * @param kind what was measured
 * @param effective when
 * @param value the value (systolic for blood pressure)
 * @param second the diastolic for blood pressure
 */
record Reading(String entryId, ReadingKind kind, Instant effective, int value, int second) {

  /** The value as the therapist reads it, e.g. {@code 132/84} or {@code 98}. */
  String shown() {
    return kind == ReadingKind.BLOOD_PRESSURE ? value + "/" + second : Integer.toString(value);
  }
}
