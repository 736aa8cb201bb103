package org.kapcompanion.writeback;

import org.kapcompanion.session.QueryEncoding;
import org.kapcompanion.monitoring.SessionNote;
import org.kapcompanion.monitoring.NoteMapping;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;

/**
 * Entries that refer to each other and entries that update: sent in order to the sandbox EHR, references to earlier
 * entries resolved to the EHR's ids, updates guarded by the version the user edited.
 */
class EntryChainIT {

  private static final String PATIENT = "kap-pt-02";
  @RegisterExtension
  static final LaunchFixture launches = new LaunchFixture();

  @Test
  void laterEntriesReferToAnEarlierEntryByTheIdTheEhrGaveIt() throws Exception {
    SessionClient client = launches.launch(PATIENT, null);
    AppSession session = launches.stored(client);
    EntryContext context = new EntryContext(PATIENT, Optional.empty(), session.fhirUser());
    String encounterEntry = UUID.randomUUID().toString();
    String noteEntry = UUID.randomUUID().toString();
    String finishEntry = UUID.randomUUID().toString();
    Encounter finished = encounter(encounterEntry).setStatus(Encounter.EncounterStatus.FINISHED);
    Observation note = TestNotes.observation(new SessionNote(noteEntry, Instant.now(), "Resting.", List.of()),
        context).setEncounter(EntryIdentity.reference(encounterEntry));

    try (Database store = TestStores.inMemory()) {
      Outbox outbox = new Outbox(store.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR,
          Clock.systemUTC());
      Outbox.Destination destination = new Outbox.Destination("sandbox", client.sessionHash(), "owner", "patient");
      outbox.enqueue(destination, EntryResources.of(Entry.create(encounterEntry, "session",
          encounter(encounterEntry)), context, Instant.now()), "session");
      outbox.enqueue(destination, EntryResources.of(Entry.create(noteEntry, NoteMapping.KIND, note), context,
          Instant.now()), NoteMapping.KIND);
      outbox.enqueue(destination, EntryResources.of(Entry.update(finishEntry, "session", finished,
          EntryIdentity.urn(encounterEntry), Optional.empty()), context, Instant.now()), "session");
      deliverAll(outbox, new SessionEntries(store.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR),
          client, session);
    }

    IGenericClient fhir = fhir(session);
    Encounter stored = (Encounter) first(fhir, "Encounter", "identifier", encounterEntry);
    assertThat(stored.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
    assertThat(stored.getMeta().getVersionId()).isEqualTo("2");
    Observation storedNote = (Observation) first(fhir, "Observation", "identifier", noteEntry);
    assertThat(storedNote.getEncounter().getReference()).isEqualTo("Encounter/" + stored.getIdPart());
    Provenance finishProvenance = (Provenance) first(fhir, "Provenance", "_tag", finishEntry);
    assertThat(finishProvenance.getTargetFirstRep().getReference()).startsWith("Encounter/" + stored.getIdPart());
  }

  @Test
  void updateOfAVersionSomeoneElseReplacedIsAConflictButARepeatOfOurOwnUpdateIsNot() throws Exception {
    SessionClient client = launches.launch(PATIENT, null);
    AppSession session = launches.stored(client);
    EntryContext context = new EntryContext(PATIENT, Optional.empty(), session.fhirUser());
    IGenericClient fhir = fhir(session);
    String entryId = UUID.randomUUID().toString();
    String id = fhir.create().resource(encounter(entryId)).execute().getId().getIdPart();
    FhirWriter writer = writer();
    FhirWriter.Credentials credentials = new FhirWriter.Credentials(launches.fhirBase(),
        session.tokens().accessToken());
    EntryResources ours = EntryResources.of(Entry.update(UUID.randomUUID().toString(), "session",
        encounter(entryId).setStatus(Encounter.EncounterStatus.FINISHED), "Encounter/" + id, Optional.of("1")),
        context, Instant.now());

    WriteOutcome first = writer.write(credentials, ours);
    WriteOutcome repeated = writer.write(credentials, ours);
    EntryResources theirs = EntryResources.of(Entry.update(UUID.randomUUID().toString(), "session",
        encounter(entryId).setStatus(Encounter.EncounterStatus.CANCELLED), "Encounter/" + id, Optional.of("1")),
        context, Instant.now());
    WriteOutcome stale = writer.write(credentials, theirs);

    assertThat(first).isInstanceOf(WriteOutcome.Written.class);
    assertThat(repeated).isInstanceOf(WriteOutcome.Written.class);
    assertThat(stale).isInstanceOf(WriteOutcome.Conflict.class);
    assertThat(fhir.read().resource(Encounter.class).withId(id).execute().getStatus())
        .isEqualTo(Encounter.EncounterStatus.FINISHED);
  }

  private static void deliverAll(Outbox outbox, SessionEntries entries, SessionClient client, AppSession session)
      throws Exception {
    Deliveries.Fixed credentials = new Deliveries.Fixed();
    credentials.put(client.sessionHash(), launches.fhirBase(), session.tokens().accessToken());
    try (OutboxSender sender = Deliveries.sender(outbox, credentials, Duration.ofSeconds(5), Duration.ofSeconds(30),
        4)) {
      sender.start();
      Instant deadline = Instant.now().plusSeconds(30);
      while (entries.statuses(client.sessionHash()).stream().anyMatch(s -> !"saved".equals(s.state()))) {
        assertThat(Instant.now()).as("all entries delivered in time").isBefore(deadline);
        assertThat(entries.statuses(client.sessionHash())).noneMatch(s -> "failed".equals(s.state()));
        Thread.sleep(50);
      }
    }
  }

  private static Encounter encounter(String entryId) {
    Encounter encounter = new Encounter();
    encounter.addIdentifier(EntryIdentity.of(entryId));
    encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
    encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
    encounter.addType(new CodeableConcept(new Coding("http://kapcompanion.org/fhir/CodeSystem/kap-session-type",
        "dosing-session", "Dosing session")));
    encounter.setSubject(new Reference("Patient/" + PATIENT));
    encounter.getPeriod().setStart(Date.from(Instant.parse("2026-11-21T09:00:00Z")));
    return encounter;
  }

  /** The patient's first {@code type} resource whose {@code parameter} (identifier or tag) is the entry id. */
  private static Resource first(IGenericClient fhir, String type, String parameter, String entryId) {
    return fhir.search().byUrl(type + "?patient=" + PATIENT + "&" + parameter + "=" + EntryIdentity.SYSTEM + "|"
        + entryId).returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
  }

  private static IGenericClient fhir(AppSession session) {
    IGenericClient fhir = SandboxFhir.FHIR.newRestfulGenericClient(launches.fhirBase().toString());
    fhir.registerInterceptor(new BearerTokenAuthInterceptor(session.tokens().accessToken()));
    fhir.registerInterceptor(new QueryEncoding());
    return fhir;
  }

  private static FhirWriter writer() {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return new FhirWriter(http, SandboxFhir.FHIR, new Capabilities(http, SandboxFhir.FHIR, Clock.systemUTC(),
        Duration.ofSeconds(5)), Duration.ofSeconds(5), Clock.systemUTC());
  }
}
