package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.kapcompanion.recorded.SessionDecoder;
import org.kapcompanion.writeback.SharedValidator;

/** The session note's mapping to its Observation, and that it conforms to its KAP profile. */
class NoteMappingTest {

  private static final String ENTRY = "0b7d3d52-35c4-4d6a-9a43-6a3f0f3b1c11";
  private static final Instant WHEN = Instant.parse("2026-11-20T14:35:00Z");
  private static final SessionSubject SUBJECT = new SessionSubject("kap-pt-01",
      Optional.of(new Reference("Encounter/kap-pt-01-dose-02")), Optional.of("Practitioner/kap-therapist-1"));
  private final SessionNote note = new SessionNote(ENTRY, WHEN,
      "Tearful when speaking about her father; breathing slowed afterwards.", List.of("emotional-release",
      "breathwork"));

  @Test
  void noteBecomesTheSessionNoteObservation() throws IOException {
    Observation mapped = NoteMapping.observation(note, SUBJECT);

    assertThat(mapped.equalsDeep(fixture("session-note-observation.json"))).as(
        SharedValidator.FHIR.newJsonParser().encodeResourceToString(mapped)).isTrue();
  }

  @Test
  void mappedNoteConformsToItsProfile() {
    assertThat(SharedValidator.VALIDATOR.validate(NoteMapping.observation(note, SUBJECT)).isValid()).isTrue();
  }

  @Test
  void quickTagsCarryTheirLabelsSoTheTimelineShowsThemNotTheirCodes() {
    List<QuickTag> known = List.of(new QuickTag("emotional-release", "Emotional release"),
        new QuickTag("breathwork", "Breathwork"));

    Observation mapped = NoteMapping.observation(note, SUBJECT, known);

    assertThat(SessionDecoder.decode(List.of(mapped)).notes().get(0).tags())
        .containsExactly("Emotional release", "Breathwork");
    assertThat(SharedValidator.VALIDATOR.validate(mapped).isValid()).isTrue();
  }

  /**
   * A note taken before the session in a launch without an encounter belongs to the patient only and conforms
   * (kap-session-observation encounter 0..1); an unknown quick tag does not.
   */
  @Test
  void unknownQuickTagDoesNotConformButANoteWithoutEncounterDoes() {
    SessionNote unknownTag = new SessionNote(ENTRY, WHEN, "text", List.of("levitation"));
    SessionSubject noEncounter = new SessionSubject("kap-pt-01", Optional.empty(), SUBJECT.practitioner());

    assertThat(SharedValidator.VALIDATOR.validate(NoteMapping.observation(unknownTag, SUBJECT)).isValid()).isFalse();
    assertThat(SharedValidator.VALIDATOR.validate(NoteMapping.observation(note, noEncounter)).isValid()).isTrue();
  }

  private static Observation fixture(String name) throws IOException {
    try (InputStream in = NoteMappingTest.class.getResourceAsStream("/writeback/" + name)) {
      return SharedValidator.FHIR.newJsonParser().parseResource(Observation.class,
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
