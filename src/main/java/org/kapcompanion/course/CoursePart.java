package org.kapcompanion.course;

import java.util.stream.Stream;
import org.kapcompanion.vocabulary.Code;
import org.kapcompanion.vocabulary.OutcomeScore;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.RecordVital;
import org.kapcompanion.vocabulary.SessionCode;
import org.kapcompanion.vocabulary.SessionType;

/** The searches the course reads, all in one parallel round, each to its last page (a missed dose is a safety gap). */
enum CoursePart {
  ADMINISTRATIONS("MedicationAdministration?patient=%s&_count=200"),
  ENCOUNTERS("Encounter?patient=%s&type=" + SessionType.DOSING.code().token() + "&_count=200"),
  OBSERVATIONS("Observation?patient=%s&code=" + Code.anyOf(Stream.concat(Stream.of(RecordVital.WEIGHT.codes().get(0),
      ReadingKind.MOAAS.codes().get(0), ReadingKind.DISSOCIATION.codes().get(0),
      ReadingKind.BLOOD_PRESSURE.codes().get(0), SessionCode.ADVERSE_EVENT.code()),
      Stream.of(OutcomeScore.values()).map(OutcomeScore::code)).toArray(Code[]::new)) + "&_count=500"),
  FLAGS("Flag?patient=%s&_count=200"),
  CONDITIONS("Condition?patient=%s&_count=200"),
  CONSENTS("Consent?patient=%s&_count=50");

  private final String template;

  CoursePart(String template) {
    this.template = template;
  }

  String url(String patientId) {
    return String.format(template, patientId);
  }
}
