package org.kapcompanion.monitoring;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;
import org.kapcompanion.writeback.Entry;
import org.kapcompanion.writeback.EntryIdentity;

/**
 * Pure mapping of a session note to its {@code kap-session-note} Observation.
 */
public final class NoteMapping {

  static final String PROFILE = "http://kapcompanion.org/fhir/StructureDefinition/kap-session-note";
  /** The entry kind of a session note. */
  public static final String KIND = "session-note";
  private static final String QUICK_TAGS = "http://kapcompanion.org/fhir/CodeSystem/kap-quick-tag";

  private NoteMapping() {}

  /** The note as an entry of kind {@code session-note}. */
  public static Entry entry(SessionNote note, SessionSubject subject) {
    return Entry.create(note.entryId(), KIND, observation(note, subject));
  }

  /** The note's Observation, referring to the session of {@code subject}. */
  public static Observation observation(SessionNote note, SessionSubject subject) {
    Observation observation = new Observation();
    observation.getMeta().addProfile(PROFILE);
    observation.addIdentifier(EntryIdentity.of(note.entryId()));
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.setCode(new CodeableConcept(new Coding(ReadingKind.OBSERVATION_CODES, "session-note",
        "Therapist session note")));
    observation.setSubject(subject.patient());
    subject.encounter().ifPresent(observation::setEncounter);
    observation.setEffective(new DateTimeType(Date.from(note.effective())));
    subject.performer().ifPresent(observation::addPerformer);
    observation.setValue(new StringType(note.text()));
    for (String tag : note.tags()) {
      observation.addComponent()
          .setCode(new CodeableConcept(new Coding(ReadingKind.OBSERVATION_CODES, "quick-tag", "Quick tag")))
          .setValue(new CodeableConcept(new Coding().setSystem(QUICK_TAGS).setCode(tag)));
    }
    return observation;
  }
}
