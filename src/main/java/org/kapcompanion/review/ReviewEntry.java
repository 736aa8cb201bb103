package org.kapcompanion.review;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.kapcompanion.vocabulary.ReviewReason;
import org.kapcompanion.vocabulary.ReviewStatus;

/**
 * One session's place in the review queue, as its review Task records it.
 *
 * @param encounterId the session Encounter's id
 * @param patientId the patient's id
 * @param therapist who ran the session ({@code Practitioner/…})
 * @param start when the session started
 * @param reasons why it needs attention
 * @param status where its review stands
 * @param reviewer the supervisor of the latest co-sign ({@code Practitioner/…})
 * @param reviewedAt when they co-signed
 */
record ReviewEntry(
    String encounterId,
    String patientId,
    Optional<String> therapist,
    Instant start,
    Set<ReviewReason> reasons,
    ReviewStatus status,
    Optional<String> reviewer,
    Optional<Instant> reviewedAt) {

  ReviewEntry {
    reasons = Set.copyOf(reasons);
  }

  /**
   * The entry the session's records call for. A co-signed session counts as changed after review when the therapist
   * recorded later ({@code Provenance.recorded}), when the EHR stored one of its records later than the co-sign
   * ({@code changedAt}: the latest change the caller saw), or when its Task already said so for the same co-sign.
   */
  static ReviewEntry of(SessionFacts facts, Optional<Instant> changedAt) {
    ReviewStatus status = facts.coSign().map(coSign -> {
      boolean changed = facts.lastAuthored().filter(at -> at.isAfter(coSign.recorded())).isPresent()
          || facts.lastStored().isAfter(coSign.stored())
          || changedAt.filter(at -> at.isAfter(coSign.stored())).isPresent()
          || facts.task().map(ReviewTasks::entryOf)
              .filter(known -> known.status() == ReviewStatus.CHANGED_AFTER_REVIEW
                  && known.reviewedAt().equals(Optional.of(coSign.recorded())))
              .isPresent();
      return changed ? ReviewStatus.CHANGED_AFTER_REVIEW : ReviewStatus.REVIEWED;
    }).orElse(ReviewStatus.AWAITING_REVIEW);
    return new ReviewEntry(facts.encounterId(), facts.patientId(), facts.therapist(), facts.start(), facts.reasons(),
        status, facts.coSign().map(SessionFacts.CoSign::supervisor),
        facts.coSign().map(SessionFacts.CoSign::recorded));
  }

  /** Whether it was discharged on a prescriber's override and no supervisor has looked at it since: it goes first. */
  boolean overridden() {
    return reasons.contains(ReviewReason.DISCHARGE_OVERRIDE) && status.awaitsReview();
  }

  /** Whether it goes before the others: it needs attention and no supervisor has looked at it since. */
  boolean urgent() {
    return !reasons.isEmpty() && status.awaitsReview();
  }
}
