package org.kapcompanion.monitoring;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;
import org.kapcompanion.recorded.Codings;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.Systems;
import org.kapcompanion.vocabulary.SessionCode;
import org.kapcompanion.writeback.Entry;
import org.kapcompanion.writeback.EntryIdentity;

/**
 * Pure mapping of a session note to its {@code kap-session-note} Observation.
 */
public final class NoteMapping {

  /** The entry kind of a session note. */
  public static final String KIND = SessionCode.SESSION_NOTE.value();

  private NoteMapping() {}

  /** The note as an entry of kind {@code session-note}. */
  public static Entry entry(SessionNote note, SessionSubject subject) {
    return entry(note, subject, List.of());
  }

  /** The note as an entry of kind {@code session-note}, its quick tags carrying their labels from {@code known}. */
  static Entry entry(SessionNote note, SessionSubject subject, List<QuickTag> known) {
    return Entry.create(note.entryId(), KIND, observation(note, subject, known));
  }

  /** The note's Observation, referring to the session of {@code subject}. */
  public static Observation observation(SessionNote note, SessionSubject subject) {
    return observation(note, subject, List.of());
  }

  /**
   * The note's Observation, referring to the session of {@code subject}; each quick tag's coding carries its display
   * from {@code known}, so every reader of the record (the timelines, the EHR) shows its label, not its code.
   */
  static Observation observation(SessionNote note, SessionSubject subject, List<QuickTag> known) {
    Observation observation = new Observation();
    observation.getMeta().addProfile(SessionCode.SESSION_NOTE.profile().orElseThrow());
    observation.addIdentifier(EntryIdentity.of(note.entryId()));
    observation.setStatus(Observation.ObservationStatus.FINAL);
    // The category the session's other observations carry: EHRs that take Observation creates of a few categories
    // only (vital signs and clinician observations) refuse an Observation without one.
    observation.addCategory(new CodeableConcept(new Coding(Systems.OBSERVATION_CATEGORY, "exam", null)));
    observation.setCode(Codings.concept(SessionCode.SESSION_NOTE.code()));
    observation.setSubject(subject.patient());
    subject.encounter().ifPresent(observation::setEncounter);
    observation.setEffective(new DateTimeType(Date.from(note.effective())));
    subject.performer().ifPresent(observation::addPerformer);
    observation.setValue(new StringType(note.text()));
    for (String tag : note.tags()) {
      observation.addComponent()
          .setCode(Codings.concept(SessionCode.QUICK_TAG.code()))
          .setValue(new CodeableConcept(new Coding().setSystem(KapUrls.QUICK_TAGS).setCode(tag)
              .setDisplay(known.stream().filter(k -> k.code().equals(tag)).map(QuickTag::display).findFirst()
                  .orElse(null))));
    }
    return observation;
  }
}
