package org.kapcompanion.review;

/** The code systems, canonicals and codes the review reads and writes. */
final class KapCodes {

  static final String SESSION_TYPE = "http://kapcompanion.org/fhir/CodeSystem/kap-session-type";
  static final String DOSING_SESSION = "dosing-session";
  static final String ALERT = "http://kapcompanion.org/fhir/CodeSystem/kap-alert";
  static final String OBSERVATION = "http://kapcompanion.org/fhir/CodeSystem/kap-observation";
  static final String ADVERSE_EVENT = "adverse-event";
  static final String PRESCRIBER_DECISION = "http://kapcompanion.org/fhir/CodeSystem/kap-prescriber-decision";
  static final String PREDOSE_CHECKLIST = "http://kapcompanion.org/fhir/Questionnaire/kap-predose-checklist";
  static final String DISCHARGE_CHECKLIST = "http://kapcompanion.org/fhir/Questionnaire/kap-discharge-checklist";
  static final String ENTRY = "http://kapcompanion.org/fhir/sid/entry";
  static final String REVIEW_TASK_PROFILE = "http://kapcompanion.org/fhir/StructureDefinition/kap-review-task";
  static final String SUPERVISOR_REVIEW_PROFILE =
      "http://kapcompanion.org/fhir/StructureDefinition/kap-supervisor-review";
  static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
  static final String TASK_CODE = "http://hl7.org/fhir/CodeSystem/task-code";
  static final String LOINC = "http://loinc.org";
  static final String SNOMED = "http://snomed.info/sct";
  /** SNOMED CT 236321002 "Supervisor (occupation)", as the sandbox seed's PractitionerRole carries it. */
  static final String SUPERVISOR_OCCUPATION = "236321002";

  private KapCodes() {}
}
