package org.kapcompanion.course;

/**
 * One check of the dependency and misuse watch and what it found.
 *
 * @param check what is checked, e.g. "Session spacing"
 * @param finding what was found, e.g. "2026-11-04 and 2026-11-05 are 1 day apart (the protocol allows at least 2)"
 * @param state whether it raised a signal, found nothing, or could not be checked
 */
public record WatchItem(String check, String finding, State state) {

  /** The outcome of a check. */
  public enum State {
    /** Something for the prescriber and supervisor to look at. */
    SIGNAL,
    /** What the EHR holds gives no signal. */
    CLEAR,
    /** Part of the record could not be read, so the check is incomplete: never shown as clear. */
    NOT_READ
  }

  public boolean signal() {
    return state == State.SIGNAL;
  }

  public boolean notRead() {
    return state == State.NOT_READ;
  }
}
