package org.kapcompanion.vocabulary;

/**
 * The codes an integration plan is written with and found by: its CarePlan's US Core category, and the type and
 * US Core category of the DocumentReference written where the EHR takes no CarePlan (as the plan profiles fix them).
 */
public final class PlanCodes {

  public static final Code CARE_PLAN_CATEGORY = new Code("http://hl7.org/fhir/us/core/CodeSystem/careplan-category",
      "assess-plan", "Assessment and Plan of Treatment");
  /** LOINC 18776-5 "Plan of care note" (loinc.org/18776-5). */
  public static final Code DOCUMENT_TYPE = new Code(Systems.LOINC, "18776-5", "Plan of care note");
  public static final Code DOCUMENT_CATEGORY = new Code(
      "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category", "clinical-note", "Clinical Note");

  private PlanCodes() {}
}
