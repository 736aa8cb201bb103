package org.kapcompanion.vocabulary;

/**
 * The SNOMED CT codes by which an EHR records that a patient has no known allergy (as an AllergyIntolerance, from
 * the negation codes of FHIR's {@code allergyintolerance-code} value set), each labelled as the page says it. Only
 * such a recorded assertion may be shown as "no known allergies"; an empty allergy list is shown as "none recorded in
 * the EHR".
 */
public enum NoKnownAllergy implements Labelled {

  ANY("716186003", "No known allergy (situation)", "No known allergies"),
  DRUG("409137002", "No known drug allergy (situation)", "No known drug allergies"),
  FOOD("429625007", "No known food allergy (situation)", "No known food allergies"),
  ENVIRONMENTAL("428607008", "No known environmental allergy (situation)", "No known environmental allergies");

  private final Term term;

  NoKnownAllergy(String snomed, String display, String label) {
    this.term = new Term(new Code(Systems.SNOMED, snomed, display), label);
  }

  @Override
  public Term term() {
    return term;
  }
}
