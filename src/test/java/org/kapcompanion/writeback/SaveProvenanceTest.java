package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;
import org.kapcompanion.monitoring.SessionNote;

/** The Provenance write-back adds to every entry: the therapist as author, the entry id as tag, and conformance. */
class SaveProvenanceTest {

  private static final String ENTRY = "0b7d3d52-35c4-4d6a-9a43-6a3f0f3b1c11";
  private static final Instant WHEN = Instant.parse("2026-11-20T14:35:00Z");
  private static final EntryContext CONTEXT = new EntryContext("kap-pt-01", Optional.of("kap-pt-01-dose-02"),
      Optional.of("Practitioner/kap-therapist-1"));
  private final SessionNote note = new SessionNote(ENTRY, WHEN, "Breathing slowed.", List.of("breathwork"));

  @Test
  void provenanceNamesTheTherapistAsAuthorAndCarriesTheEntryIdAsATag() {
    Provenance provenance = SaveProvenance.of(TestNotes.entry(note, CONTEXT), CONTEXT, WHEN.plusSeconds(2));

    assertThat(provenance.getTarget()).extracting(t -> t.getReference())
        .containsExactly("urn:uuid:" + ENTRY, "Patient/kap-pt-01");
    assertThat(provenance.getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/kap-therapist-1");
    assertThat(provenance.getAgentFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("author");
    assertThat(provenance.getMeta().getTag(EntryIdentity.SYSTEM, ENTRY)).isNotNull();
    assertThat(provenance.getRecorded()).isEqualTo(java.util.Date.from(WHEN.plusSeconds(2)));
  }

  @Test
  void entryAndItsProvenanceConformToTheirProfiles() {
    EntryResources resources = EntryResources.of(TestNotes.entry(note, CONTEXT), CONTEXT, WHEN);

    assertThat(SharedValidator.VALIDATOR.validate(resources.target()).isValid()).isTrue();
    assertThat(SharedValidator.VALIDATOR.validate(resources.provenance().orElseThrow()).isValid()).isTrue();
  }
}
