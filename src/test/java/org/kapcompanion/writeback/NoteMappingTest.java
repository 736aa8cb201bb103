package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;

/** The session note's mapping to its Observation and Provenance, and that both conform to their KAP profiles. */
class NoteMappingTest {

  private static final String ENTRY = "0b7d3d52-35c4-4d6a-9a43-6a3f0f3b1c11";
  private static final Instant WHEN = Instant.parse("2026-11-20T14:35:00Z");
  private static final EntryContext CONTEXT = new EntryContext("kap-pt-01", Optional.of("kap-pt-01-dose-02"),
      Optional.of("Practitioner/kap-therapist-1"));
  private final SessionNote note = new SessionNote(ENTRY, WHEN,
      "Tearful when speaking about her father; breathing slowed afterwards.", List.of("emotional-release",
      "breathwork"));

  @Test
  void noteBecomesTheSessionNoteObservation() throws IOException {
    Observation mapped = NoteMapping.observation(note, CONTEXT);

    assertThat(mapped.equalsDeep(fixture("session-note-observation.json"))).as(
        SandboxFhir.FHIR.newJsonParser().encodeResourceToString(mapped)).isTrue();
  }

  @Test
  void provenanceNamesTheTherapistAsAuthorAndCarriesTheEntryIdAsATag() {
    Provenance provenance = SaveProvenance.of(NoteMapping.entry(note, CONTEXT), CONTEXT, WHEN.plusSeconds(2));

    assertThat(provenance.getTarget()).extracting(t -> t.getReference())
        .containsExactly("urn:uuid:" + ENTRY, "Patient/kap-pt-01");
    assertThat(provenance.getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/kap-therapist-1");
    assertThat(provenance.getAgentFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("author");
    assertThat(provenance.getMeta().getTag(EntryIdentity.SYSTEM, ENTRY)).isNotNull();
    assertThat(provenance.getRecorded()).isEqualTo(java.util.Date.from(WHEN.plusSeconds(2)));
  }

  @Test
  void mappedResourcesConformToTheirProfiles() {
    EntryResources resources = EntryResources.of(NoteMapping.entry(note, CONTEXT), CONTEXT, WHEN);

    assertThat(SharedValidator.VALIDATOR.validate(resources.target()).isValid()).isTrue();
    assertThat(SharedValidator.VALIDATOR.validate(resources.provenance().orElseThrow()).isValid()).isTrue();
  }

  @Test
  void unknownQuickTagOrMissingEncounterDoesNotConform() {
    SessionNote unknownTag = new SessionNote(ENTRY, WHEN, "text", List.of("levitation"));
    EntryContext noEncounter = new EntryContext("kap-pt-01", Optional.empty(), CONTEXT.practitioner());

    assertThat(SharedValidator.VALIDATOR.validate(NoteMapping.observation(unknownTag, CONTEXT)).isValid()).isFalse();
    assertThat(SharedValidator.VALIDATOR.validate(NoteMapping.observation(note, noEncounter)).isValid()).isFalse();
  }

  private static Observation fixture(String name) throws IOException {
    try (InputStream in = NoteMappingTest.class.getResourceAsStream("/writeback/" + name)) {
      return SandboxFhir.FHIR.newJsonParser().parseResource(Observation.class,
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
