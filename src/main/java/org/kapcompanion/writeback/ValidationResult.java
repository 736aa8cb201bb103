package org.kapcompanion.writeback;

import java.util.List;

/** The outcome of validating one resource against its KAP profile: valid (perhaps with warnings) or invalid. */
public sealed interface ValidationResult permits ValidationResult.Valid, ValidationResult.Invalid {

  /** Problems that do not stop the write. */
  List<ValidationProblem> warnings();

  /** Whether the resource may be written. */
  default boolean isValid() {
    return this instanceof Valid;
  }

  /** The resource conforms to its profile and may be written. */
  record Valid(List<ValidationProblem> warnings) implements ValidationResult {
    public Valid {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * The resource must not be written.
   *
   * @param errors the problems that block the write (at least one)
   * @param warnings the problems that would not have blocked it
   */
  record Invalid(List<ValidationProblem> errors, List<ValidationProblem> warnings) implements ValidationResult {
    public Invalid {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("An invalid result needs at least one error");
      }
    }
  }
}
