package org.kapcompanion.record;

import java.util.Optional;
import org.kapcompanion.vocabulary.Code;
import org.kapcompanion.vocabulary.OutcomeScore;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.SessionCode;

/**
 * The reads that make up the record, each a relative FHIR URL read in parallel with the others. A search the record
 * needs whole (a missed allergy or condition is a safety gap) is read to its last page; one sorted newest first is
 * read only as far as the EHR's first page, which holds the latest, and marked when the EHR holds more.
 */
enum RecordPart {
  PATIENT("Patient/%s", true),
  CONDITIONS("Condition?patient=%s&_count=200", true),
  MEDICATION_REQUESTS("MedicationRequest?patient=%s&_include=MedicationRequest:medication&_count=200", true),
  MEDICATION_STATEMENTS("MedicationStatement?patient=%s&_count=200", true),
  ALLERGIES("AllergyIntolerance?patient=%s&_count=200", true),
  VITALS("Observation?patient=%s&category=vital-signs&_sort=-date&_count=200", false),
  SCORES("Observation?patient=%s&code=" + Code.anyOf(OutcomeScore.PHQ9.code(), OutcomeScore.GAD7.code(),
      OutcomeScore.PCL5.code()) + "&_sort=date&_count=500", true),
  DOSES("MedicationAdministration?patient=%s&_sort=-effective-time&_count=100", false),
  SESSION_SCALES("Observation?patient=%s&code=" + Code.anyOf(ReadingKind.MOAAS.codes().get(0),
      ReadingKind.DISSOCIATION.codes().get(0), SessionCode.SESSION_THEME.code()) + "&_count=500", true),
  CLINICIAN("%s", true);

  private final String template;
  private final boolean whole;

  RecordPart(String template, boolean whole) {
    this.template = template;
    this.whole = whole;
  }

  /** Whether the search is read to its last page. */
  boolean whole() {
    return whole;
  }

  /** The URL of this read for the patient, or empty when it does not apply (e.g. no signed-in Practitioner). */
  Optional<String> url(String patientId, Optional<String> fhirUser) {
    if (this == CLINICIAN) {
      return fhirUser.filter(user -> user.matches("Practitioner/[A-Za-z0-9\\-.]{1,64}")).map(String::valueOf);
    }
    return Optional.of(String.format(template, patientId));
  }
}
