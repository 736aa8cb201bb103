package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;

/** A page reads back only the kinds of unsent entry it uses, told apart by the type stored beside each entry. */
class UnsentEntriesTest {

  private final Database database = TestStores.inMemory();
  private final Outbox outbox = new Outbox(database.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR,
      Clock.fixed(OutboxTest.NOW, ZoneOffset.UTC));
  private final SessionEntries entries = new SessionEntries(database.dataSource(), new SecretBox(TestStores.KEY),
      SandboxFhir.FHIR);

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aPageGetsTheKindsOfEntryItAsksForOldestFirstAndNoOthers() {
    EntryResources session = store(new Encounter().setStatus(Encounter.EncounterStatus.INPROGRESS));
    store(new Observation().setStatus(Observation.ObservationStatus.FINAL));
    EntryResources checklist = store(new QuestionnaireResponse());
    EntryResources later = store(new Encounter().setStatus(Encounter.EncounterStatus.FINISHED));

    assertThat(ids(entries.unsent("owner", Set.of(ResourceType.Encounter, ResourceType.QuestionnaireResponse))))
        .containsExactly(session.entryId(), checklist.entryId(), later.entryId());
    assertThat(entries.unsent("owner", Set.of(ResourceType.Goal))).isEmpty();
    assertThat(entries.unsent("owner", Set.of())).isEmpty();
  }

  @Test
  void entriesOfOtherKindsAreLeftOutByTheirStoredTypeWithoutBeingRead() throws Exception {
    EntryResources goal = store(new Goal());
    retype(goal.entryId(), "Observation");

    assertThat(entries.unsent("owner", Set.of(ResourceType.Goal))).isEmpty();
    assertThat(entries.unsent("owner", Set.of(ResourceType.Observation))).isEmpty();
  }

  @Test
  void entriesStoredBeforeTheTypeWasRecordedAreReadAndKeptOnlyWhenOfAnAskedKind() throws Exception {
    EntryResources goal = store(new Goal());
    EntryResources note = store(new Observation().setStatus(Observation.ObservationStatus.FINAL));
    retype(goal.entryId(), null);
    retype(note.entryId(), null);

    assertThat(ids(entries.unsent("owner", Set.of(ResourceType.Goal)))).containsExactly(goal.entryId());
    assertThat(ids(entries.unsent("owner", Set.of(ResourceType.Observation, ResourceType.Goal))))
        .containsExactly(goal.entryId(), note.entryId());
  }

  private EntryResources store(Resource target) {
    String entryId = UUID.randomUUID().toString();
    EntryContext context = new EntryContext("kap-pt-01", Optional.empty(), Optional.of("Practitioner/kap-therapist-1"));
    target.setId(entryId);
    if (target instanceof Encounter encounter) {
      encounter.setSubject(new Reference("Patient/kap-pt-01"));
    }
    EntryResources resources = EntryResources.of(Entry.create(entryId, "test-entry", target), context,
        OutboxTest.NOW);
    assertThat(outbox.enqueue(OutboxTest.destination("s1"), resources, "test-entry")).isEqualTo(Outbox.Stored.NEW);
    return resources;
  }

  private static List<String> ids(List<Resource> resources) {
    return resources.stream().map(r -> r.getIdElement().getIdPart()).toList();
  }

  private void retype(String entryId, String type) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
         PreparedStatement update = connection.prepareStatement(
             "update outbox_entry set target_type = ? where entry_id = ?")) {
      update.setString(1, type);
      update.setString(2, entryId);
      update.executeUpdate();
    }
  }
}
