package org.kapcompanion.monitoring;

import static org.kapcompanion.recorded.Codings.coding;
import static org.kapcompanion.recorded.Codings.concept;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.kapcompanion.recorded.AdverseEvent;
import org.kapcompanion.recorded.Alert;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.vocabulary.AdverseEventCode;
import org.kapcompanion.vocabulary.Code;
import org.kapcompanion.vocabulary.Coded;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.SessionCode;
import org.kapcompanion.vocabulary.SessionType;
import org.kapcompanion.vocabulary.Systems;
import org.kapcompanion.writeback.Entry;
import org.kapcompanion.writeback.EntryIdentity;

/**
 * Pure mappings of what the therapist records in a dosing session to the project's profiles: the session Encounter
 * (started and finished), the dose, readings, adverse events and safety-alert Flags.
 */
public final class EntryMapping {

  static final String SESSION_KIND = SessionType.DOSING.value();
  /** The entry kind of a dose. */
  static final String DOSE_KIND = "dose";
  /** The entry kinds of readings start with this, e.g. {@code reading-hr}. */
  static final String READING_KIND = "reading-";

  private EntryMapping() {}

  /** The in-progress dosing session started at {@code start}, part of the launch encounter when there is one. */
  static Entry startedSession(String entryId, SessionSubject subject, Optional<String> launchEncounter,
      Instant start) {
    Encounter encounter = new Encounter();
    encounter.getMeta().addProfile(KapUrls.SESSION_PROFILE);
    encounter.addIdentifier(EntryIdentity.of(entryId));
    encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
    encounter.setClass_(new Coding(Systems.ACT_CODE, "AMB", "ambulatory"));
    encounter.addType(concept(SessionType.DOSING.code()));
    encounter.setSubject(subject.patient());
    subject.performer().ifPresent(who -> encounter.addParticipant().setIndividual(who));
    encounter.setPeriod(new Period().setStartElement(dateTime(start)));
    launchEncounter.ifPresent(id -> encounter.setPartOf(new Reference("Encounter/" + id)));
    return Entry.create(entryId, SESSION_KIND, encounter);
  }

  /**
   * The pre-dose checklist the session started on, recorded in the session: a copy of its answers pointing at the
   * session Encounter, authored when the checklist was, so the review timeline, its filters and the REMS summary find
   * the checklist (answers, blood-pressure gate, prescriber's decision) with the session. One per session.
   */
  static Entry predoseInSession(QuestionnaireResponse checklist, String sessionEntryId) {
    String entryId = java.util.UUID.nameUUIDFromBytes(("predose-in-session|" + sessionEntryId)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    QuestionnaireResponse copy = checklist.copy();
    copy.setIdElement(null);
    copy.setMeta(new org.hl7.fhir.r4.model.Meta().addProfile(KapUrls.QUESTIONNAIRE_RESPONSE_PROFILE));
    copy.setIdentifier(EntryIdentity.of(entryId));
    copy.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    copy.setEncounter(new Reference("urn:uuid:" + sessionEntryId));
    return Entry.create(entryId, "predose-checklist-in-session", copy);
  }

  /** The session finished at {@code end}: a new version of {@code started}, replacing it at {@code reference}. */
  public static Entry finishedSession(String entryId, Encounter started, String reference, Instant end) {
    Encounter finished = started.copy();
    finished.setIdElement(null);
    finished.setMeta(new org.hl7.fhir.r4.model.Meta().addProfile(KapUrls.SESSION_PROFILE));
    finished.setStatus(Encounter.EncounterStatus.FINISHED);
    finished.getPeriod().setEndElement(dateTime(end));
    return Entry.update(entryId, SESSION_KIND + "-finished", finished, reference, Optional.empty());
  }

  static Entry dose(Dose dose, SessionSubject subject) {
    MedicationAdministration given = new MedicationAdministration();
    given.getMeta().addProfile(KapUrls.ADMINISTRATION_PROFILE);
    given.addIdentifier(EntryIdentity.of(dose.entryId()));
    given.addExtension(KapUrls.LOT_NUMBER, new StringType(dose.lot()));
    given.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
    given.setMedication(concept(dose.drug().code()).setText(dose.drug().label()));
    given.setSubject(subject.patient());
    subject.encounter().ifPresent(given::setContext);
    given.setEffective(dateTime(dose.effective()));
    subject.performer().ifPresent(who -> given.addPerformer().setActor(who));
    given.getDosage().setText(dose.shown())
        .setRoute(concept(dose.route().code()))
        .setDose(new Quantity().setValue(dose.milligrams()).setUnit("mg").setSystem(Systems.UCUM).setCode("mg"));
    return Entry.create(dose.entryId(), DOSE_KIND, given);
  }

  static Entry reading(Reading reading, SessionSubject subject) {
    ReadingKind kind = reading.kind();
    Observation observation = observation(reading.entryId(), kind.profile(), kind.vitalSign() ? "vital-signs" : "exam",
        new CodeableConcept(), reading.effective(), subject);
    kind.codes().forEach(code -> observation.getCode().addCoding(coding(code)));
    if (kind == ReadingKind.BLOOD_PRESSURE) {
      observation.addComponent().setCode(concept(ReadingKind.SYSTOLIC)).setValue(quantity(kind, reading.value()));
      observation.addComponent().setCode(concept(ReadingKind.DIASTOLIC))
          .setValue(quantity(kind, reading.diastolic().orElseThrow()));
    } else if (kind.ucum().isPresent()) {
      observation.setValue(quantity(kind, reading.value()));
    } else {
      observation.setValue(new IntegerType(reading.value().intValueExact()));
    }
    return Entry.create(reading.entryId(), READING_KIND + kind.key(), observation);
  }

  static Entry adverseEvent(AdverseEvent event, SessionSubject subject) {
    Observation observation = observation(event.entryId(), SessionCode.ADVERSE_EVENT.profile().orElseThrow(),
        "exam", concept(SessionCode.ADVERSE_EVENT.code()),
        event.effective(), subject);
    Code what = Coded.byValue(AdverseEventCode.class, event.code()).map(AdverseEventCode::code)
        .orElse(new Code(Systems.SNOMED, event.code(), event.display()));
    observation.setValue(concept(what).setText(event.display()));
    observation.addNote().setText(event.note());
    return Entry.create(event.entryId(), "adverse-event", observation);
  }

  /** The Flag of a raised alert; its entry id is derived from the alert episode, so it is written once. */
  static Entry flag(Alert alert, String sessionEntryId, SessionSubject subject) {
    Flag flag = new Flag();
    flag.getMeta().addProfile(KapUrls.SAFETY_ALERT_PROFILE);
    String entryId = alert.entryId(sessionEntryId);
    flag.addIdentifier(EntryIdentity.of(entryId));
    flag.setStatus(Flag.FlagStatus.ACTIVE);
    flag.addCategory(new CodeableConcept(new Coding(Systems.FLAG_CATEGORY, "clinical", "Clinical")));
    flag.setCode(concept(alert.rule().code()).setText(alert.message()));
    flag.setSubject(subject.patient());
    flag.setPeriod(new Period().setStartElement(dateTime(alert.start())));
    subject.encounter().ifPresent(flag::setEncounter);
    subject.performer().ifPresent(flag::setAuthor);
    return Entry.create(entryId, "safety-alert", flag);
  }

  private static Observation observation(String entryId, String profile, String category, CodeableConcept code,
      Instant effective, SessionSubject subject) {
    Observation observation = new Observation();
    observation.getMeta().addProfile(profile);
    observation.addIdentifier(EntryIdentity.of(entryId));
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.addCategory(new CodeableConcept(new Coding(Systems.OBSERVATION_CATEGORY, category, null)));
    observation.setCode(code);
    observation.setSubject(subject.patient());
    subject.encounter().ifPresent(observation::setEncounter);
    observation.setEffective(dateTime(effective));
    subject.performer().ifPresent(observation::addPerformer);
    return observation;
  }

  private static Quantity quantity(ReadingKind kind, BigDecimal value) {
    return new Quantity().setValue(value).setUnit(kind.unit().orElseThrow()).setSystem(Systems.UCUM)
        .setCode(kind.ucum().orElseThrow());
  }


  private static DateTimeType dateTime(Instant instant) {
    DateTimeType type = new DateTimeType(Date.from(instant));
    type.setTimeZone(java.util.TimeZone.getTimeZone(ZoneId.of("UTC")));
    return type;
  }
}
