package org.kapcompanion.vocabulary;

/**
 * The SNOMED CT codes by which an EHR records that a patient has no known allergy (as an AllergyIntolerance, from
 * the negation codes of FHIR's {@code allergyintolerance-code} value set). Only such a recorded assertion may be shown
 * as "no known allergies"; an empty allergy list is shown as "none recorded in the EHR".
 */
public enum NoKnownAllergy implements Coded {

  ANY("716186003", "No known allergy (situation)", "No known allergies"),
  DRUG("409137002", "No known drug allergy (situation)", "No known drug allergies"),
  FOOD("429625007", "No known food allergy (situation)", "No known food allergies"),
  ENVIRONMENTAL("428607008", "No known environmental allergy (situation)", "No known environmental allergies");

  private final Code code;
  private final String shown;

  NoKnownAllergy(String snomed, String display, String shown) {
    this.code = new Code(Systems.SNOMED, snomed, display);
    this.shown = shown;
  }

  @Override
  public Code code() {
    return code;
  }

  /** What the page says for this assertion, e.g. "No known drug allergies". */
  public String shown() {
    return shown;
  }

}
