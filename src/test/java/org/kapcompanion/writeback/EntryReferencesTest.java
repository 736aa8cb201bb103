package org.kapcompanion.writeback;

import org.kapcompanion.monitoring.SessionNote;
import org.kapcompanion.monitoring.NoteMapping;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/** References between entries, resolved to the EHR's ids before an entry is sent. */
class EntryReferencesTest {

  private static final String SESSION = "11111111-1111-1111-1111-111111111111";
  private static final String NOTE = "22222222-2222-2222-2222-222222222222";
  private static final EntryContext CONTEXT = new EntryContext("kap-pt-01", Optional.empty(),
      Optional.of("Practitioner/kap-therapist-1"));
  private final EntryReferences references = new EntryReferences(SandboxFhir.FHIR);

  @Test
  void referenceToAWrittenEntryBecomesTheEhrReferenceAndTheOwnUrnStays() {
    EntryReferences.Resolution resolution = references.resolve(note(),
        Map.<String, EntryReferences.Standing>of(SESSION, new EntryReferences.Standing.Written("Encounter/42"))::get);

    EntryResources resolved = ((EntryReferences.Resolution.Resolved) resolution).entry();
    assertThat(((Observation) resolved.target()).getEncounter().getReference()).isEqualTo("Encounter/42");
    assertThat(resolved.provenance().orElseThrow().getTargetFirstRep().getReference()).isEqualTo("urn:uuid:" + NOTE);
  }

  @Test
  void referenceToAnUnsentEntryHoldsTheEntryBack() {
    assertThat(references.resolve(note(), id -> new EntryReferences.Standing.Waiting()))
        .isEqualTo(new EntryReferences.Resolution.Waiting(SESSION));
    assertThat(references.resolve(note(), id -> new EntryReferences.Standing.Unknown()))
        .isEqualTo(new EntryReferences.Resolution.Unknown(SESSION));
  }

  @Test
  void updateOfAnEntryTargetsTheResourceTheEhrCreatedForIt() {
    Encounter finished = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
    EntryResources update = EntryResources.of(Entry.update(NOTE, "session", finished, EntryIdentity.urn(SESSION),
        Optional.empty()), CONTEXT, Instant.now());

    EntryReferences.Resolution resolution = references.resolve(update,
        id -> new EntryReferences.Standing.Written("Encounter/42"));

    EntryResources resolved = ((EntryReferences.Resolution.Resolved) resolution).entry();
    assertThat(resolved.update().orElseThrow().reference()).isEqualTo("Encounter/42");
    assertThat(resolved.provenance().orElseThrow().getTargetFirstRep().getReference()).isEqualTo("Encounter/42");
  }

  @Test
  void storedUpdateKeepsItsTargetAndVersion() {
    EntryResources update = EntryResources.of(Entry.update(NOTE, "session", new Encounter(), "Encounter/42",
        Optional.of("3")), CONTEXT, Instant.now());

    EntryResources stored = EntryResources.fromBundle(NOTE, update.toBundle());

    assertThat(stored.update()).contains(new Entry.Update("Encounter/42", Optional.of("3")));
  }

  private static EntryResources note() {
    Observation observation = TestNotes.observation(new SessionNote(NOTE, Instant.now(), "Resting.", List.of()),
        CONTEXT).setEncounter(EntryIdentity.reference(SESSION));
    return EntryResources.of(Entry.create(NOTE, NoteMapping.KIND, observation), CONTEXT, Instant.now());
  }
}
