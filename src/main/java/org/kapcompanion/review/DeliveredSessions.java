package org.kapcompanion.review;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Task;
import org.kapcompanion.writeback.DeliveryFollowUp;
import org.kapcompanion.writeback.Entry;
import org.kapcompanion.writeback.ResourceValidator;
import org.kapcompanion.writeback.ValidationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the review queue from what the app wrote: as each entry of a dosing session is confirmed by the EHR, records
 * the session in the index (before the entry's receipt, so an interrupted follow-up runs again with the entry's next
 * delivery) and writes its review Task with the delivering therapist's sign-in. The Task never holds up an entry: one
 * that cannot be written now is tried again with the session's next entry.
 */
final class DeliveredSessions implements DeliveryFollowUp {

  static final String TASK_KIND = "review-task";
  private static final Logger LOG = LoggerFactory.getLogger(DeliveredSessions.class);

  private final SessionIndex index;
  private final ResourceValidator validator;
  private final Clock clock;

  DeliveredSessions(SessionIndex index, ResourceValidator validator, Clock clock) {
    this.index = index;
    this.validator = validator;
    this.clock = clock;
  }

  @Override
  public void delivered(Delivered delivered, Writes writes) {
    Optional<String> session = DeliveredFacts.sessionOf(delivered.target(), delivered.reference());
    if (session.isEmpty()) {
      return;
    }
    Optional<SessionIndex.Indexed> known = index.find(delivered.tenantId(), session.get());
    Optional<ReviewEntry> changed = DeliveredFacts.after(delivered.target(), session.get(),
        known.map(SessionIndex.Indexed::entry), clock.instant());
    boolean taskUnwritten = known.isPresent() && known.get().taskReference().isEmpty();
    if (changed.isEmpty() && !taskUnwritten) {
      return;
    }
    ReviewEntry entry = changed.orElseGet(() -> known.get().entry());
    Optional<String> task;
    try {
      task = writeTask(entry, known.flatMap(SessionIndex.Indexed::taskReference), writes);
    } catch (Later later) {
      // The session is in the queue all the same; its Task is tried again with the session's next entry.
      LOG.info("a review Task waits for the session's next entry: {}", later.getMessage());
      task = Optional.empty();
    }
    index.save(delivered.tenantId(), entry, task);
  }

  /**
   * Creates the session's Task (found by its identifier, one per session, if an earlier attempt wrote it) or updates
   * it where the index knows it; the reference to keep, {@code ""} when the EHR does not take Tasks. A co-signed
   * session's Task is the co-sign's: it holds the supervisor's comment, which a rewrite from here would drop.
   */
  private Optional<String> writeTask(ReviewEntry entry, Optional<String> known, Writes writes) {
    if (known.filter(String::isEmpty).isPresent() || (known.isPresent() && entry.reviewer().isPresent())) {
      return Optional.empty();
    }
    Task task = ReviewTasks.taskFor(entry, List.of(), clock.instant());
    if (validator.validate(task) instanceof ValidationResult.Invalid) {
      LOG.warn("a review Task did not validate against its profile and was not written");
      return Optional.empty();
    }
    String id = ReviewTasks.identifierOf(entry.encounterId());
    Entry write = known.map(reference -> Entry.update(id, TASK_KIND, task, reference, Optional.empty()))
        .orElseGet(() -> Entry.create(id, TASK_KIND, task));
    return Optional.of(writes.write(write).orElse(""));
  }
}
