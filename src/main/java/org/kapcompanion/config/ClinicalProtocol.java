package org.kapcompanion.config;

import java.util.List;
import java.util.Set;

/**
 * The clinic's clinical rules, read from {@code config/clinical-protocol.json}: which medications interact with
 * ketamine, which conditions contraindicate it, and the pre-dose blood-pressure gate.
 *
 * @param interactingMedications medication classes to flag on the record
 * @param contraindications conditions to flag on the record
 * @param bloodPressureGate the pre-dose systolic/diastolic limit above which a prescriber must decide
 */
public record ClinicalProtocol(
    List<MedicationClass> interactingMedications,
    List<ConditionRule> contraindications,
    BloodPressure bloodPressureGate) {

  public ClinicalProtocol {
    interactingMedications = List.copyOf(interactingMedications);
    contraindications = List.copyOf(contraindications);
  }

  /**
   * A class of medications that interacts with ketamine.
   *
   * @param name the class, e.g. "Benzodiazepine"
   * @param concern what the clinician should know, in one sentence
   * @param rxnormCodes RxNorm ingredient codes of its members
   * @param nameKeywords lower-case words that identify members by name when codes are missing or product-level
   */
  public record MedicationClass(String name, String concern, Set<String> rxnormCodes, List<String> nameKeywords) {}

  /**
   * A condition to flag before dosing.
   *
   * @param name what it is called on screen
   * @param severity {@code contraindication} or {@code caution}
   * @param snomedCodes SNOMED CT codes that identify it
   * @param nameKeywords lower-case words that identify it by its text
   */
  public record ConditionRule(String name, String severity, Set<String> snomedCodes, List<String> nameKeywords) {}

  /** A blood pressure in mm[Hg]. */
  public record BloodPressure(int systolic, int diastolic) {}
}
