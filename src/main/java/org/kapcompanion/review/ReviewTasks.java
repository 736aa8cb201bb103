package org.kapcompanion.review;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.kapcompanion.recorded.Codings;
import org.kapcompanion.vocabulary.Coded;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReviewReason;
import org.kapcompanion.vocabulary.ReviewStatus;
import org.kapcompanion.vocabulary.Systems;

/** Pure mapping between a session's {@link ReviewEntry} and its review Task ({@code kap-review-task}). */
final class ReviewTasks {

  private ReviewTasks() {}

  /** The Task's entry identifier: one per session, the same on every node, so a session never gets two Tasks. */
  static String identifierOf(String encounterId) {
    return UUID.nameUUIDFromBytes(("kap-review-task:Encounter/" + encounterId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The conditional-update URL that finds the session's Task by its identifier. */
  static String conditionalUrl(String encounterId) {
    return "Task?identifier=" + KapUrls.ENTRY_ID + "|" + identifierOf(encounterId);
  }

  /** The session's review Task for {@code entry}, keeping the review comments already on it. */
  static Task taskFor(ReviewEntry entry, List<Annotation> comments, Instant now) {
    Task task = new Task();
    task.getMeta().addProfile(KapUrls.REVIEW_TASK_PROFILE);
    for (ReviewReason reason : ReviewReason.values()) {
      if (entry.reasons().contains(reason)) {
        task.getMeta().addTag(Codings.coding(reason.code()));
      }
    }
    task.addIdentifier().setSystem(KapUrls.ENTRY_ID).setValue(identifierOf(entry.encounterId()));
    task.setStatus(entry.status() == ReviewStatus.REVIEWED ? Task.TaskStatus.COMPLETED : Task.TaskStatus.REQUESTED);
    task.setBusinessStatus(Codings.concept(entry.status().code()));
    task.setIntent(Task.TaskIntent.ORDER);
    task.setPriority(entry.urgent() ? Task.TaskPriority.URGENT : Task.TaskPriority.ROUTINE);
    task.setCode(new CodeableConcept(new Coding(Systems.TASK_CODE, "approve", "Activate/approve the focal resource")));
    task.setDescription("Supervisor review of a KAP session");
    task.setFocus(new Reference("Encounter/" + entry.encounterId()));
    task.setEncounter(new Reference("Encounter/" + entry.encounterId()));
    task.setFor(new Reference("Patient/" + entry.patientId()));
    task.setAuthoredOnElement(exact(entry.start()));
    task.setLastModified(Date.from(now));
    entry.therapist().ifPresent(therapist -> task.setRequester(new Reference(therapist)));
    entry.reviewer().ifPresent(reviewer -> task.setOwner(new Reference(reviewer)));
    entry.reviewedAt().ifPresent(at -> task.getExecutionPeriod().setEndElement(exact(at)));
    comments.forEach(comment -> task.addNote(comment.copy()));
    return task;
  }

  /** A time to the millisecond, so that a Task read back says exactly what was written. */
  private static DateTimeType exact(Instant instant) {
    return new DateTimeType(Date.from(instant), TemporalPrecisionEnum.MILLI, TimeZone.getTimeZone("UTC"));
  }

  /** What a review Task says about its session. */
  static ReviewEntry entryOf(Task task) {
    Set<ReviewReason> reasons = EnumSet.noneOf(ReviewReason.class);
    task.getMeta().getTag().stream().filter(tag -> KapUrls.REVIEW_REASONS.equals(tag.getSystem()))
        .forEach(tag -> Coded.byValue(ReviewReason.class, tag.getCode()).ifPresent(reasons::add));
    ReviewStatus status = task.getBusinessStatus().getCoding().stream()
        .filter(c -> KapUrls.REVIEW_STATUSES.equals(c.getSystem())).findFirst()
        .flatMap(c -> Coded.byValue(ReviewStatus.class, c.getCode()))
        .orElse(task.getStatus() == Task.TaskStatus.COMPLETED ? ReviewStatus.REVIEWED : ReviewStatus.AWAITING_REVIEW);
    return new ReviewEntry(
        task.getFocus().getReferenceElement().getIdPart(),
        task.getFor().getReferenceElement().getIdPart(),
        reference(task.getRequester()),
        task.hasAuthoredOn() ? task.getAuthoredOn().toInstant() : Instant.EPOCH,
        reasons,
        status,
        reference(task.getOwner()),
        task.getExecutionPeriod().hasEnd() ? Optional.of(task.getExecutionPeriod().getEnd().toInstant())
            : Optional.empty());
  }

  private static Optional<String> reference(Reference reference) {
    return Optional.ofNullable(reference.getReference()).filter(r -> !r.isBlank());
  }
}
