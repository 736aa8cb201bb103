package org.kapcompanion.writeback;

/**
 * One problem the validator found in a resource about to be written.
 *
 * @param severity how bad it is; {@link Severity#blocksWrite()} says whether the write must stop
 * @param location the FHIRPath of the element concerned, e.g. {@code Observation.component[0]}
 * @param message what a clinician can act on, e.g. "Blood pressure: systolic value is missing"
 * @param detail the validator's own technical message; it can echo values from the resource, so it is shown to
 *     the user who entered them and never logged
 */
public record ValidationProblem(Severity severity, String location, String message, String detail) {

  /** Validator severities, in decreasing order. */
  public enum Severity {
    FATAL,
    ERROR,
    WARNING,
    INFORMATION;

    /** Errors and fatal problems stop a write; warnings (e.g. an unknown LOINC code system) do not. */
    public boolean blocksWrite() {
      return this == FATAL || this == ERROR;
    }
  }
}
