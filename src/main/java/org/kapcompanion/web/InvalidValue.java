package org.kapcompanion.web;

/**
 * Why one submitted value was refused: the field it came in and a message naming it that says what the field takes.
 * Holds nothing of the refused value itself.
 *
 * @param field the form field or JSON member, as the page names it
 * @param message what the field takes, in words a clinician can act on, e.g. "Heart rate must be a whole number from
 *     20 to 250."
 */
public record InvalidValue(String field, String message) {

  /** This refusal as an exception, which the request boundary answers with 400 naming the field. */
  public Refused refused() {
    return new Refused(this);
  }

  /** A refused value on its way to the request boundary (or to a handler that answers it itself). */
  public static final class Refused extends IllegalArgumentException {

    private final transient InvalidValue invalid;

    private Refused(InvalidValue invalid) {
      super(invalid.message());
      this.invalid = invalid;
    }

    public InvalidValue invalid() {
      return invalid;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
