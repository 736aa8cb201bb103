package org.kapcompanion.writeback;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.kapcompanion.monitoring.NoteMapping;
import org.kapcompanion.monitoring.SessionNote;
import org.kapcompanion.monitoring.SessionSubject;

/** Session notes as the write-back tests' sample entry: the monitoring mapping, about an {@link EntryContext}. */
final class TestNotes {

  private TestNotes() {}

  static Observation observation(SessionNote note, EntryContext context) {
    return NoteMapping.observation(note, subject(context));
  }

  static Entry entry(SessionNote note, EntryContext context) {
    return NoteMapping.entry(note, subject(context));
  }

  private static SessionSubject subject(EntryContext context) {
    return new SessionSubject(context.patientId(), context.encounterId().map(id -> new Reference("Encounter/" + id)),
        context.practitioner());
  }
}
