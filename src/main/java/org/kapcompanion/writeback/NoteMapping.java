package org.kapcompanion.writeback;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Pure mapping of a session note to its {@code kap-session-note} Observation.
 */
final class NoteMapping {

  static final String PROFILE = "http://kapcompanion.org/fhir/StructureDefinition/kap-session-note";
  static final String KIND = "session-note";
  private static final String OBSERVATION_CODES = "http://kapcompanion.org/fhir/CodeSystem/kap-observation";
  private static final String QUICK_TAGS = "http://kapcompanion.org/fhir/CodeSystem/kap-quick-tag";

  private NoteMapping() {}

  /** The note as an entry of kind {@code session-note}. */
  static Entry entry(SessionNote note, EntryContext context) {
    return Entry.create(note.entryId(), KIND, observation(note, context));
  }

  static Observation observation(SessionNote note, EntryContext context) {
    Observation observation = new Observation();
    observation.getMeta().addProfile(PROFILE);
    observation.addIdentifier(EntryIdentity.of(note.entryId()));
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.setCode(new CodeableConcept(new Coding(OBSERVATION_CODES, "session-note", "Therapist session note")));
    observation.setSubject(new Reference("Patient/" + context.patientId()));
    context.encounterId().ifPresent(id -> observation.setEncounter(new Reference("Encounter/" + id)));
    observation.setEffective(new DateTimeType(Date.from(note.effective())));
    context.practitioner().ifPresent(who -> observation.addPerformer(new Reference(who)));
    observation.setValue(new StringType(note.text()));
    for (String tag : note.tags()) {
      observation.addComponent()
          .setCode(new CodeableConcept(new Coding(OBSERVATION_CODES, "quick-tag", "Quick tag")))
          .setValue(new CodeableConcept(new Coding().setSystem(QUICK_TAGS).setCode(tag)));
    }
    return observation;
  }
}
