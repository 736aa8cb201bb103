package org.kapcompanion.vocabulary;

/** The external code systems the app writes and reads (HL7, LOINC, SNOMED CT, RxNorm, UCUM). */
public final class Systems {

  public static final String LOINC = "http://loinc.org";
  public static final String SNOMED = "http://snomed.info/sct";
  public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
  public static final String UCUM = "http://unitsofmeasure.org";
  public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
  public static final String FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";
  public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  public static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
  public static final String TASK_CODE = "http://hl7.org/fhir/CodeSystem/task-code";
  /** HL7 v2 table 0203, identifier types: {@code MR} is the medical record number. */
  public static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";
  public static final String MEDICAL_RECORD_NUMBER = "MR";

  private Systems() {}
}
