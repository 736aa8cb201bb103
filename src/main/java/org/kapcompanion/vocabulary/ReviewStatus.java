package org.kapcompanion.vocabulary;

/** Where a session stands with its supervisor review (CodeSystem {@code kap-review-status}). */
public enum ReviewStatus implements Coded {
  AWAITING_REVIEW("awaiting-review", "Awaiting review"),
  REVIEWED("reviewed", "Reviewed"),
  CHANGED_AFTER_REVIEW("changed-after-review", "Changed after review");

  private final Code code;

  ReviewStatus(String code, String display) {
    this.code = new Code(KapUrls.REVIEW_STATUSES, code, display);
  }

  /** Its concept in {@code kap-review-status}; the display is also what the pages show. */
  @Override
  public Code code() {
    return code;
  }

  /** Whether a supervisor still has to look at it. */
  public boolean awaitsReview() {
    return this != REVIEWED;
  }
}
