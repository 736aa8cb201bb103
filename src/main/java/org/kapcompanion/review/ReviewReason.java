package org.kapcompanion.review;

import org.kapcompanion.vocabulary.KapUrls;

/** Why a session needs the supervisor's attention first (CodeSystem {@code kap-review-reason}). */
enum ReviewReason implements Coded {
  SAFETY_ALERT("safety-alert", "Safety alert"),
  ADVERSE_EVENT("adverse-event", "Adverse event"),
  PREDOSE_PRESCRIBER_DECISION("bp-gate-decision", "Prescriber decision before the dose"),
  DISCHARGE_INCOMPLETE("discharge-incomplete", "Discharge not completed"),
  DISCHARGE_OVERRIDE("discharge-override", "Discharged against the criteria (prescriber's override)"),
  MISUSE_SIGNAL("misuse-signal", "Dependency or misuse signal");

  static final String SYSTEM = KapUrls.REVIEW_REASONS;

  private final String code;
  private final String label;

  ReviewReason(String code, String label) {
    this.code = code;
    this.label = label;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String label() {
    return label;
  }
}
