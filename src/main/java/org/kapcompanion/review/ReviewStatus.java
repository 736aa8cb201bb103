package org.kapcompanion.review;

import java.util.Arrays;
import java.util.Optional;
import org.kapcompanion.vocabulary.KapUrls;

/** Where a session stands with its supervisor review (CodeSystem {@code kap-review-status}). */
enum ReviewStatus {
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

  String code() {
    return code;
  }

  String label() {
    return label;
  }

  /** Whether a supervisor still has to look at it. */
  boolean awaitsReview() {
    return this != REVIEWED;
  }

  static Optional<ReviewStatus> ofCode(String code) {
    return Arrays.stream(values()).filter(status -> status.code.equals(code)).findFirst();
  }
}
