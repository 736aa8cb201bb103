package org.kapcompanion.review;

import org.kapcompanion.vocabulary.KapUrls;

/** Where a session stands with its supervisor review (CodeSystem {@code kap-review-status}). */
enum ReviewStatus implements Coded {
  AWAITING_REVIEW("awaiting-review", "Awaiting review"),
  REVIEWED("reviewed", "Reviewed"),
  CHANGED_AFTER_REVIEW("changed-after-review", "Changed after review");

  static final String SYSTEM = KapUrls.REVIEW_STATUSES;

  private final String code;
  private final String label;

  ReviewStatus(String code, String label) {
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

  /** Whether a supervisor still has to look at it. */
  boolean awaitsReview() {
    return this != REVIEWED;
  }
}
