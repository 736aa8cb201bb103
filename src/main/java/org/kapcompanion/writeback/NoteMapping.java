package org.kapcompanion.writeback;

import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Pure mapping of a session note to its FHIR resources: the {@code kap-session-note} Observation and the
 * {@code kap-save-provenance} Provenance that names the therapist as author.
 */
final class NoteMapping {

  static final String PROFILE = "http://kapcompanion.org/fhir/StructureDefinition/kap-session-note";
  static final String PROVENANCE_PROFILE = "http://kapcompanion.org/fhir/StructureDefinition/kap-save-provenance";
  private static final String OBSERVATION_CODES = "http://kapcompanion.org/fhir/CodeSystem/kap-observation";
  private static final String QUICK_TAGS = "http://kapcompanion.org/fhir/CodeSystem/kap-quick-tag";
  private static final String PARTICIPANT_TYPES = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

  private NoteMapping() {}

  /** The entry's resources: the Observation, then its Provenance recorded at {@code recorded}. */
  static EntryResources map(SessionNote note, EntryContext context, Instant recorded) {
    Observation observation = observation(note, context);
    return new EntryResources(note.entryId(), observation, provenance(note.entryId(), context, recorded));
  }

  static Observation observation(SessionNote note, EntryContext context) {
    Observation observation = new Observation();
    observation.getMeta().addProfile(PROFILE);
    observation.addIdentifier().setSystem(EntryResources.ENTRY_SYSTEM).setValue(note.entryId());
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

  /**
   * R4 Provenance has no {@code identifier}: the entry id travels as a {@code meta.tag} in the entry system, which the
   * writer's conditional create ({@code If-None-Exist: _tag=…}) matches on retry. The first target is the entry's
   * {@code urn:uuid}, resolved by the EHR inside a transaction or replaced by the writer after the target's create;
   * the second is the patient, which puts the Provenance in the patient's compartment (R4 defines it through
   * {@code target}), so patient-scoped tokens may write it and patient-level searches find it.
   */
  static Provenance provenance(String entryId, EntryContext context, Instant recorded) {
    Provenance provenance = new Provenance();
    provenance.getMeta().addProfile(PROVENANCE_PROFILE);
    provenance.getMeta().addTag(EntryResources.ENTRY_SYSTEM, entryId, null);
    provenance.addTarget(new Reference(EntryResources.targetUrn(entryId)));
    provenance.addTarget(new Reference("Patient/" + context.patientId()));
    provenance.setRecorded(Date.from(recorded));
    Provenance.ProvenanceAgentComponent agent = provenance.addAgent();
    agent.setType(new CodeableConcept(new Coding(PARTICIPANT_TYPES, "author", "Author")));
    context.practitioner().ifPresent(who -> agent.setWho(new Reference(who)));
    return provenance;
  }
}
