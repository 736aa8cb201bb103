package org.kapcompanion.record;

import java.util.Optional;

/** The reads that make up the record, each a relative FHIR URL read in parallel with the others. */
enum RecordPart {
  PATIENT("Patient/%s"),
  CONDITIONS("Condition?patient=%s&_count=200"),
  MEDICATION_REQUESTS("MedicationRequest?patient=%s&_include=MedicationRequest:medication&_count=200"),
  MEDICATION_STATEMENTS("MedicationStatement?patient=%s&_count=200"),
  ALLERGIES("AllergyIntolerance?patient=%s&_count=200"),
  VITALS("Observation?patient=%s&category=vital-signs&_sort=-date&_count=200"),
  SCORES("Observation?patient=%s&code=" + Codes.LOINC + "|" + Codes.PHQ9_TOTAL + "," + Codes.LOINC + "|"
      + Codes.GAD7_TOTAL + "," + Codes.LOINC + "|" + Codes.PCL5_TOTAL + "&_sort=date&_count=500"),
  DOSES("MedicationAdministration?patient=%s&_sort=-effective-time&_count=100"),
  SESSION_SCALES("Observation?patient=%s&code=" + Codes.KAP_OBSERVATION + "|moaas," + Codes.KAP_OBSERVATION
      + "|dissociation-rating," + Codes.KAP_OBSERVATION + "|session-theme&_count=500"),
  CLINICIAN("%s");

  private final String template;

  RecordPart(String template) {
    this.template = template;
  }

  /** The URL of this read for the patient, or empty when it does not apply (e.g. no signed-in Practitioner). */
  Optional<String> url(String patientId, Optional<String> fhirUser) {
    if (this == CLINICIAN) {
      return fhirUser.filter(user -> user.matches("Practitioner/[A-Za-z0-9\\-.]{1,64}")).map(String::valueOf);
    }
    return Optional.of(String.format(template, patientId));
  }
}
