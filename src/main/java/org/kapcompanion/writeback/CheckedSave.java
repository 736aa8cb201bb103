package org.kapcompanion.writeback;

/**
 * What a save checked against the patient's undelivered entries came to: saved (as {@link EntrySaver#save} answers),
 * or not saved for the caller's reason.
 *
 * @param <R> the reason the caller gives for not saving
 */
public sealed interface CheckedSave<R> {

  /** The check let the entry through; {@code result} says whether it was stored. */
  record Saved<R>(SaveResult result) implements CheckedSave<R> {}

  /** The check refused the entry for {@code reason}; nothing was stored. */
  record Refused<R>(R reason) implements CheckedSave<R> {}
}
