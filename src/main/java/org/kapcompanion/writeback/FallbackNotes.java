package org.kapcompanion.writeback;

/**
 * What the user is told, per entry, where an EHR does not take what the app writes; {@code check} predicts the same
 * words from the EHR's CapabilityStatement before anyone saves.
 */
public final class FallbackNotes {

  /** The Provenance of a save was not written. */
  public static final String NO_PROVENANCE = "Provenance not written: this EHR does not accept it";

  /** The integration plan was written as a DocumentReference instead of a CarePlan. */
  public static final String PLAN_AS_DOCUMENT = "saved as a document: this EHR takes no care plans";

  /** A goal of the integration plan was not written as a Goal; it is in the plan's text. */
  public static final String GOAL_IN_PLAN = "not saved as a separate goal: this EHR takes no goals; the goal is in "
      + "the plan's text";

  private FallbackNotes() {}
}
