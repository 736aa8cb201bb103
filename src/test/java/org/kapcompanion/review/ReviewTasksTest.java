package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.SandboxSessions.Session;
import org.kapcompanion.vocabulary.ReviewReason;
import org.kapcompanion.vocabulary.ReviewStatus;
import org.kapcompanion.writeback.SharedValidator;
import org.kapcompanion.writeback.ValidationResult;

class ReviewTasksTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.123Z");
  private static final Session PLAIN = Session.plain("s1", "p1", "t1", Instant.parse("2026-11-19T09:00:00Z"));

  @Test
  void aSessionNeverCoSignedAwaitsReviewAndIsUrgentWhenItNeedsAttention() {
    ReviewEntry entry = ReviewEntry.of(SessionExamples.facts(PLAIN.withAlert()), Optional.empty());
    assertThat(entry.status()).isEqualTo(ReviewStatus.AWAITING_REVIEW);
    assertThat(entry.urgent()).isTrue();
    assertThat(ReviewEntry.of(SessionExamples.facts(PLAIN), Optional.empty()).urgent()).isFalse();
  }

  @Test
  void aCoSignedSessionIsReviewedAndNoLongerUrgent() {
    ReviewEntry entry = ReviewEntry.of(SessionExamples.facts(PLAIN.withAlert().coSignedBy("sup")), Optional.empty());
    assertThat(entry.status()).isEqualTo(ReviewStatus.REVIEWED);
    assertThat(entry.reviewer()).contains("Practitioner/sup");
    assertThat(entry.urgent()).isFalse();
  }

  @Test
  void aChangeStoredAfterTheCoSignReopensTheReview() {
    SessionFacts facts = SessionExamples.facts(PLAIN.coSignedBy("sup"));
    assertThat(ReviewEntry.of(facts, Optional.of(SessionExamples.STORED)).status()).isEqualTo(ReviewStatus.REVIEWED);
    ReviewEntry changed = ReviewEntry.of(facts, Optional.of(SessionExamples.STORED.plusSeconds(60)));
    assertThat(changed.status()).isEqualTo(ReviewStatus.CHANGED_AFTER_REVIEW);
    assertThat(changed.status().awaitsReview()).isTrue();
  }

  @Test
  void aTaskSayingChangedAfterTheSameCoSignStaysChanged() {
    SessionFacts facts = SessionExamples.facts(PLAIN.coSignedBy("sup"));
    ReviewEntry changed = ReviewEntry.of(facts, Optional.of(SessionExamples.STORED.plusSeconds(60)));
    SessionFacts withTask = new SessionFacts(facts.encounterId(), facts.patientId(), facts.therapist(), facts.start(),
        facts.reasons(), facts.coSign(), facts.lastAuthored(), facts.lastStored(),
        Optional.of(ReviewTasks.taskFor(changed, List.of(), NOW)));
    assertThat(ReviewEntry.of(withTask, Optional.empty()).status()).isEqualTo(ReviewStatus.CHANGED_AFTER_REVIEW);
  }

  @Test
  void theTaskSaysExactlyWhatTheEntrySays() {
    ReviewEntry entry = new ReviewEntry("s1", "p1", Optional.of("Practitioner/t1"), NOW.minusSeconds(3600),
        EnumSet.of(ReviewReason.ADVERSE_EVENT, ReviewReason.DISCHARGE_INCOMPLETE), ReviewStatus.CHANGED_AFTER_REVIEW,
        Optional.of("Practitioner/sup"), Optional.of(NOW.minusMillis(4321)));
    Task task = ReviewTasks.taskFor(entry, List.of(), NOW);
    assertThat(ReviewTasks.entryOf(task)).isEqualTo(entry);
    assertThat(task.getPriority()).isEqualTo(Task.TaskPriority.URGENT);
    assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
    assertThat(task.getIdentifierFirstRep().getValue()).isEqualTo(ReviewTasks.identifierOf("s1"));
  }

  @Test
  void theTaskConformsToTheReviewTaskProfile() {
    Task task = ReviewTasks.taskFor(ReviewEntry.of(SessionExamples.facts(PLAIN.withAdverseEvent().coSignedBy("sup")),
        Optional.empty()), List.of(), NOW);
    assertThat(SharedValidator.VALIDATOR.validate(task)).isInstanceOf(ValidationResult.Valid.class);
  }

  @Test
  void oneSessionHasOneTaskIdentifierOnEveryNode() {
    assertThat(ReviewTasks.identifierOf("s1")).isEqualTo(ReviewTasks.identifierOf("s1"))
        .isNotEqualTo(ReviewTasks.identifierOf("s2"));
  }
}
