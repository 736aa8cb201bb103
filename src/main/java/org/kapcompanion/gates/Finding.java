package org.kapcompanion.gates;

/**
 * One thing a gate found, with what it means for the decision.
 *
 * @param linkId the checklist item it concerns (the page links to it), or empty
 * @param title what it is about, e.g. "Sedation resolved"
 * @param reason what was found, with the recorded value where there is one, e.g. "MOAA/S 2 at 13:40 — sedation
 *     has not resolved"
 * @param kind what it means
 */
public record Finding(String linkId, String title, String reason, Kind kind) {

  /** What a finding means for the gate. */
  public enum Kind {
    /** The gate stays shut: nobody can override it (an absolute contraindication, an answer the record refutes). */
    REFUSED,
    /** The gate opens only with a named prescriber's decision, a reason and a time. */
    PRESCRIBER,
    /** Shown; the gate stays open. */
    CAUTION
  }
}
