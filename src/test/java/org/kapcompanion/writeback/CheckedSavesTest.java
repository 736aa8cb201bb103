package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;

/** A save checked against the patient's undelivered entries of every user, on the H2 store. */
class CheckedSavesTest {

  private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
  private final Database database = TestStores.inMemory();
  private final Outbox outbox = outbox(database);
  private final CheckedSaves saves = saves(database, outbox);

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void theCheckSeesEveryUsersPendingAndFailedEntriesOfThePatientOfItsTypeOnly() {
    EntryResources pending = dose("kap-pt-01");
    EntryResources failed = dose("kap-pt-01");
    outbox.enqueue(destination("therapist", "patient-1"), failed, "dose");
    outbox.fail(outbox.claim("node", Duration.ofSeconds(30), 10).get(0), new Outbox.Problem("422", "refused"));
    outbox.enqueue(destination("co-therapist", "patient-1"), pending, "dose");
    outbox.enqueue(destination("co-therapist", "patient-2"), dose("kap-pt-02"), "dose");
    outbox.enqueue(destination("co-therapist", "patient-1"), Deliveries.note("kap-pt-01", "enc", "Practitioner/x",
        "run", 1), "session-note");
    AtomicReference<List<Resource>> seen = new AtomicReference<>();

    CheckedSaves.Outcome<String> outcome = saves.store(destination("supervisor", "patient-1"), dose("kap-pt-01"),
        "dose", ResourceType.MedicationAdministration, undelivered -> {
          seen.set(undelivered);
          return Optional.of("doses recorded since");
        });

    assertThat(outcome).isEqualTo(new CheckedSaves.Outcome.Refused<>("doses recorded since"));
    assertThat(seen.get()).extracting(CheckedSavesTest::entryId)
        .containsExactly(failed.entryId(), pending.entryId());
  }

  @Test
  void anEntryIsStoredOnlyWhenTheCheckLetsItAndNeverWhenTheCheckThrows() {
    EntryResources refused = dose("kap-pt-01");
    EntryResources throwing = dose("kap-pt-01");
    EntryResources saved = dose("kap-pt-01");

    saves.store(destination("therapist", "patient-1"), refused, "dose", ResourceType.MedicationAdministration,
        undelivered -> Optional.of("no"));
    assertThatThrownBy(() -> saves.store(destination("therapist", "patient-1"), throwing, "dose",
        ResourceType.MedicationAdministration, undelivered -> {
          throw new IllegalStateException("the EHR cannot be read");
        })).hasMessage("the EHR cannot be read");
    CheckedSaves.Outcome<String> outcome = saves.store(destination("therapist", "patient-1"), saved, "dose",
        ResourceType.MedicationAdministration, undelivered -> Optional.empty());

    assertThat(outcome).isEqualTo(new CheckedSaves.Outcome.Stored<String>(Outbox.Stored.NEW));
    assertThat(saves.store(destination("therapist", "patient-1"), saved, "dose",
        ResourceType.MedicationAdministration, undelivered -> Optional.empty()))
        .as("the same entry sent again").isEqualTo(new CheckedSaves.Outcome.Stored<String>(Outbox.Stored.DUPLICATE));
    assertThat(saves.store(destination("therapist", "patient-1"), dose("kap-pt-01"), "dose",
        ResourceType.MedicationAdministration, undelivered -> Optional.of(undelivered.stream()
            .map(CheckedSavesTest::entryId).toList()))).isEqualTo(new CheckedSaves.Outcome.Refused<>(
                List.of(saved.entryId())));
  }

  static Outbox outbox(Database database) {
    return new Outbox(database.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static CheckedSaves saves(Database database, Outbox outbox) {
    return new CheckedSaves(database.dataSource(), outbox, new SessionEntries(database.dataSource(),
        new SecretBox(TestStores.KEY), SandboxFhir.FHIR));
  }

  static Outbox.Destination destination(String user, String patientHash) {
    String owner = user + "|" + patientHash;
    return new Outbox.Destination("sandbox", "session-" + owner, owner, patientHash);
  }

  /** A 32 mg ketamine dose of {@code patient}, given now in the session Encounter/session. */
  static EntryResources dose(String patient) {
    String entryId = UUID.randomUUID().toString();
    MedicationAdministration given = new MedicationAdministration();
    given.addIdentifier(EntryIdentity.of(entryId));
    given.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
    given.setSubject(new Reference("Patient/" + patient));
    given.setContext(new Reference("Encounter/session"));
    given.setEffective(new DateTimeType(java.util.Date.from(NOW)));
    given.getDosage().setDose((SimpleQuantity) new SimpleQuantity().setValue(new BigDecimal("32")).setUnit("mg"));
    EntryContext context = new EntryContext(patient, Optional.of("session"), Optional.of("Practitioner/x"));
    return EntryResources.of(Entry.create(entryId, "dose", given), context, NOW);
  }

  static String entryId(Resource resource) {
    return ((MedicationAdministration) resource).getIdentifierFirstRep().getValue();
  }
}
