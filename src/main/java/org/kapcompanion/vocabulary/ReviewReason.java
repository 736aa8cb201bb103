package org.kapcompanion.vocabulary;

/** Why a session needs the supervisor's attention first (CodeSystem {@code kap-review-reason}). */
public enum ReviewReason implements Coded {
  SAFETY_ALERT("safety-alert", "Safety alert"),
  ADVERSE_EVENT("adverse-event", "Adverse event"),
  PREDOSE_PRESCRIBER_DECISION("bp-gate-decision", "Prescriber decision before the dose"),
  DISCHARGE_INCOMPLETE("discharge-incomplete", "Discharge not completed"),
  DISCHARGE_OVERRIDE("discharge-override", "Discharged against the criteria by a prescriber's override"),
  MISUSE_SIGNAL("misuse-signal", "Dependency or misuse signal");

  private final Code code;

  ReviewReason(String code, String display) {
    this.code = new Code(KapUrls.REVIEW_REASONS, code, display);
  }

  /** Its concept in {@code kap-review-reason}; the display is also what the queue shows. */
  @Override
  public Code code() {
    return code;
  }
}
