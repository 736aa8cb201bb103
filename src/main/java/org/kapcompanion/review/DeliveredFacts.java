package org.kapcompanion.review;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.recorded.SessionReference;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReviewReason;
import org.kapcompanion.vocabulary.ReviewStatus;
import org.kapcompanion.vocabulary.SessionCode;

/**
 * Pure: what one resource the app delivered to the EHR says about its dosing session's place in the review queue. A
 * session enters the queue when its Encounter is delivered (the session started), awaiting a completed discharge;
 * alerts, adverse events, the prescriber's decisions and the discharge add or settle its reasons; anything recorded
 * in it after a co-sign marks it changed after review.
 */
final class DeliveredFacts {

  private DeliveredFacts() {}

  /** The session (Encounter id) a delivered resource belongs to: a dosing session's own Encounter, or the one a record points at. */
  static Optional<String> sessionOf(Resource written, String reference) {
    if (written instanceof Encounter encounter) {
      return SessionFacts.isDosing(encounter) && !reference.isEmpty()
          ? Optional.ofNullable(new IdType(reference).getIdPart()) : Optional.empty();
    }
    return SessionReference.of(written).flatMap(SessionFactsReader::encounterId);
  }

  /**
   * The session's entry once {@code written} is delivered, or empty when that changes nothing (or the session is not
   * in the index and {@code written} is not its Encounter).
   *
   * @param known the entry the index holds for the session
   * @param now when the Encounter carries no start
   */
  static Optional<ReviewEntry> after(Resource written, String encounterId, Optional<ReviewEntry> known,
      Instant now) {
    Optional<ReviewEntry> before = known.isPresent() ? known
        : written instanceof Encounter encounter ? started(encounter, encounterId, now) : Optional.empty();
    if (before.isEmpty()) {
      return Optional.empty();
    }
    ReviewEntry entry = before.get();
    Set<ReviewReason> reasons = EnumSet.noneOf(ReviewReason.class);
    reasons.addAll(entry.reasons());
    settle(written, reasons);
    ReviewStatus status = known.isPresent() && entry.status() == ReviewStatus.REVIEWED
        ? ReviewStatus.CHANGED_AFTER_REVIEW : entry.status();
    ReviewEntry after = new ReviewEntry(entry.encounterId(), entry.patientId(), entry.therapist(), entry.start(),
        reasons, status, entry.reviewer(), entry.reviewedAt());
    return known.equals(Optional.of(after)) ? Optional.empty() : Optional.of(after);
  }

  private static Optional<ReviewEntry> started(Encounter encounter, String encounterId, Instant now) {
    String patient = encounter.getSubject().getReferenceElement().getIdPart();
    if (patient == null) {
      return Optional.empty();
    }
    Instant start = encounter.getPeriod().hasStart() ? encounter.getPeriod().getStart().toInstant() : now;
    return Optional.of(new ReviewEntry(encounterId, patient, SessionFacts.therapist(encounter), start,
        EnumSet.of(ReviewReason.DISCHARGE_INCOMPLETE), ReviewStatus.AWAITING_REVIEW, Optional.empty(),
        Optional.empty()));
  }

  /** The reasons {@code written} adds to its session, or settles (a completed discharge). */
  private static void settle(Resource written, Set<ReviewReason> reasons) {
    if (written instanceof Flag flag && SessionFacts.isKapAlert(flag)) {
      reasons.add(ReviewReason.SAFETY_ALERT);
    } else if (written instanceof Observation observation && isAdverseEvent(observation)) {
      reasons.add(ReviewReason.ADVERSE_EVENT);
    } else if (written instanceof QuestionnaireResponse response) {
      if (SessionFacts.isPredoseWithPrescriberDecision(response)) {
        reasons.add(ReviewReason.PREDOSE_PRESCRIBER_DECISION);
      }
      if (SessionFacts.isPredoseWithMisuseSignal(response)) {
        reasons.add(ReviewReason.MISUSE_SIGNAL);
      }
      if (SessionFacts.isCompletedDischarge(response)) {
        reasons.remove(ReviewReason.DISCHARGE_INCOMPLETE);
        if (SessionFacts.isOverride(response)) {
          reasons.add(ReviewReason.DISCHARGE_OVERRIDE);
        }
      }
    }
  }

  private static boolean isAdverseEvent(Observation observation) {
    return observation.getCode().getCoding().stream().anyMatch(c -> KapUrls.OBSERVATION_CODES.equals(c.getSystem())
        && SessionCode.ADVERSE_EVENT.value().equals(c.getCode()));
  }
}
