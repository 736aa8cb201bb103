package org.kapcompanion.vocabulary;

/** A constant of the clinical vocabulary that the pages show by a name of its own, not by its code system's display. */
public interface Labelled extends Coded {

  /** Its concept with the name the pages show. */
  Term term();

  @Override
  default Code code() {
    return term().code();
  }

  /** The name a clinician reads, e.g. "Esketamine nasal spray", "IM" or "No known drug allergies". */
  default String label() {
    return term().label();
  }
}
