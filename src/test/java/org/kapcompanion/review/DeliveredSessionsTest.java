package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.TestStores;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.SandboxSessions.Discharge;
import org.kapcompanion.testing.SandboxSessions.Session;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReviewReason;
import org.kapcompanion.vocabulary.ReviewStatus;
import org.kapcompanion.writeback.DeliveryFollowUp;
import org.kapcompanion.writeback.Entry;
import org.kapcompanion.writeback.SharedValidator;

/**
 * The review index built from delivered entries: a session enters the queue when its Encounter is delivered, its
 * reasons follow its alerts, adverse events and discharge, and however often an entry is delivered again its review
 * Task is written once per change, never twice.
 */
class DeliveredSessionsTest {

  private static final String TENANT = "t";
  private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
  private final Database database = TestStores.inMemory();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
  private final SessionIndex index = new SessionIndex(database.dataSource(), clock);
  private final DeliveredSessions sessions = new DeliveredSessions(index, SharedValidator.VALIDATOR, clock);
  private final TaskWrites writes = new TaskWrites();

  @AfterEach
  void closeStore() {
    database.close();
  }

  @Test
  void sessionEntersTheQueueWhenItsEncounterIsDeliveredAndItsReasonsFollowItsRecords() {
    deliverAll(Session.plain("d-1", "p-1", "t-1", START).withAlert().withAdverseEvent());

    ReviewEntry entry = index.find(TENANT, "d-1").orElseThrow().entry();
    assertThat(entry.patientId()).isEqualTo("p-1");
    assertThat(entry.therapist()).contains("Practitioner/t-1");
    assertThat(entry.start()).isEqualTo(START);
    assertThat(entry.reasons()).containsExactlyInAnyOrder(ReviewReason.SAFETY_ALERT, ReviewReason.ADVERSE_EVENT);
    assertThat(entry.status()).isEqualTo(ReviewStatus.AWAITING_REVIEW);
    assertThat(index.find(TENANT, "d-1").orElseThrow().taskReference()).contains("Task/d-1");
    assertThat(writes.created).hasSize(1);
    Task task = (Task) writes.written.get(writes.written.size() - 1).target();
    assertThat(ReviewTasks.entryOf(task)).isEqualTo(entry);
  }

  @Test
  void aSessionNotDischargedStaysNeedingAttention() {
    deliverAll(Session.plain("d-2", "p-1", "t-1", START).withDischarge(Discharge.MISSING));

    assertThat(index.find(TENANT, "d-2").orElseThrow().entry().reasons())
        .containsExactly(ReviewReason.DISCHARGE_INCOMPLETE);
  }

  @Test
  void reDeliveredEntriesWriteNoSecondTaskAndChangeNothing() {
    List<Resource> resources = ordered(Session.plain("d-3", "p-1", "t-1", START).withAlert());
    resources.forEach(this::deliver);
    int writesOnce = writes.written.size();
    SessionIndex.Indexed once = index.find(TENANT, "d-3").orElseThrow();

    resources.forEach(this::deliver);

    assertThat(writes.written).hasSize(writesOnce);
    assertThat(writes.created).hasSize(1);
    assertThat(index.find(TENANT, "d-3")).contains(once);
  }

  @Test
  void aTaskThatCannotBeWrittenNowHoldsUpNothingAndIsWrittenWithTheSessionsNextEntry() {
    List<Resource> resources = ordered(Session.plain("d-4", "p-1", "t-1", START));
    writes.later = true;
    deliver(resources.get(0));
    assertThat(index.find(TENANT, "d-4").orElseThrow().taskReference()).isEmpty();

    writes.later = false;
    deliver(resources.get(1));

    assertThat(writes.created).hasSize(1);
    assertThat(index.find(TENANT, "d-4").orElseThrow().taskReference()).contains("Task/d-4");
  }

  @Test
  void anEhrThatRefusesTheTaskIsNotAskedAgainForTheSession() {
    writes.refused = true;
    deliverAll(Session.plain("d-6", "p-1", "t-1", START).withAlert());

    assertThat(writes.attempts).isEqualTo(1);
    assertThat(index.find(TENANT, "d-6").orElseThrow().entry().reasons()).contains(ReviewReason.SAFETY_ALERT);
  }

  @Test
  void aRecordDeliveredAfterTheCoSignMarksTheSessionChangedAndLeavesTheCoSignsTaskAlone() {
    deliverAll(Session.plain("d-5", "p-1", "t-1", START));
    ReviewEntry known = index.find(TENANT, "d-5").orElseThrow().entry();
    index.save(TENANT, new ReviewEntry("d-5", "p-1", known.therapist(), START, known.reasons(),
        ReviewStatus.REVIEWED, Optional.of("Practitioner/s-1"), Optional.of(clock.instant())), Optional.empty());
    int before = writes.written.size();

    Observation note = new Observation();
    note.setEncounter(new Reference("Encounter/d-5"));
    deliver(note, "Observation/late-note");

    assertThat(index.find(TENANT, "d-5").orElseThrow().entry().status())
        .isEqualTo(ReviewStatus.CHANGED_AFTER_REVIEW);
    assertThat(writes.written).hasSize(before);
  }

  @Test
  void recordsOfASessionTheIndexDoesNotKnowAreLeftToThePickup() {
    Observation note = new Observation();
    note.setEncounter(new Reference("Encounter/elsewhere"));
    deliver(note, "Observation/n-1");

    assertThat(index.find(TENANT, "elsewhere")).isEmpty();
    assertThat(writes.written).isEmpty();
  }

  private void deliverAll(Session session) {
    ordered(session).forEach(this::deliver);
  }

  /** The session's resources in the order the outbox delivers them: its Encounter first. */
  private static List<Resource> ordered(Session session) {
    List<Resource> resources = new ArrayList<>(SandboxSessions.resources(session));
    resources.sort(Comparator.comparing(resource -> resource instanceof Encounter ? 0 : 1));
    return resources;
  }

  private void deliver(Resource resource) {
    deliver(resource, resource.fhirType() + "/" + resource.getIdElement().getIdPart());
  }

  private void deliver(Resource resource, String reference) {
    sessions.delivered(new DeliveryFollowUp.Delivered(TENANT, resource, reference), writes);
  }

  /** An EHR that keeps one Task per identifier, as the writer's conditional create does. */
  private static final class TaskWrites implements DeliveryFollowUp.Writes {
    final List<Entry> written = new ArrayList<>();
    final Map<String, String> created = new java.util.HashMap<>();
    boolean later;
    boolean refused;
    int attempts;

    @Override
    public Optional<String> write(Entry entry) {
      attempts++;
      if (later) {
        throw new DeliveryFollowUp.Later("HTTP 503");
      }
      if (refused) {
        return Optional.empty();
      }
      written.add(entry);
      assertThat(((Task) entry.target()).getIdentifierFirstRep().getSystem()).isEqualTo(KapUrls.ENTRY_ID);
      String encounter = ((Task) entry.target()).getFocus().getReferenceElement().getIdPart();
      return Optional.of(entry.update().map(Entry.Update::reference)
          .orElseGet(() -> created.computeIfAbsent(entry.entryId(), id -> "Task/" + encounter)));
    }
  }
}
