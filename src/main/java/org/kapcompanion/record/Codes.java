package org.kapcompanion.record;

/** Code systems and codes the record reader looks for. */
final class Codes {

  static final String LOINC = "http://loinc.org";
  static final String SNOMED = "http://snomed.info/sct";
  static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
  static final String KAP_OBSERVATION = "http://kapcompanion.org/fhir/CodeSystem/kap-observation";

  /** PHQ-9 total score (LOINC). */
  static final String PHQ9_TOTAL = "44261-6";
  /** GAD-7 total score (LOINC). */
  static final String GAD7_TOTAL = "70274-6";
  /** PCL-5 total score (LOINC). */
  static final String PCL5_TOTAL = "101698-9";

  static final String BLOOD_PRESSURE = "85354-9";
  static final String SYSTOLIC = "8480-6";
  static final String DIASTOLIC = "8462-4";

  private Codes() {}
}
