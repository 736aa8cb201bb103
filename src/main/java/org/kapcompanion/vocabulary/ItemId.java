package org.kapcompanion.vocabulary;

/**
 * The questionnaire items the app reads or fills in itself (gates, pre-filled values, the REMS summary), each with
 * the Questionnaire that holds it. Other items are read generically by the form engine.
 */
public enum ItemId {

  CI_VASCULAR(KapUrls.PREDOSE_CHECKLIST, "ci-vascular"),
  CI_INTRACEREBRAL_HAEMORRHAGE(KapUrls.PREDOSE_CHECKLIST, "ci-intracerebral-haemorrhage"),
  CI_PREGNANCY(KapUrls.PREDOSE_CHECKLIST, "ci-pregnancy"),
  CI_PSYCHOSIS_MANIA(KapUrls.PREDOSE_CHECKLIST, "ci-psychosis-mania"),
  CI_HYPERSENSITIVITY(KapUrls.PREDOSE_CHECKLIST, "ci-hypersensitivity"),
  CI_SUBSTANCE_USE(KapUrls.PREDOSE_CHECKLIST, "ci-substance-use"),
  CI_HYPERTENSION(KapUrls.PREDOSE_CHECKLIST, "ci-hypertension"),
  CI_MEDICAL(KapUrls.PREDOSE_CHECKLIST, "ci-medical"),
  PRECAUTION_AIRWAY(KapUrls.PREDOSE_CHECKLIST, "precaution-airway"),
  MISUSE_CRAVING(KapUrls.PREDOSE_CHECKLIST, "misuse-craving"),
  MISUSE_OUTSIDE_USE(KapUrls.PREDOSE_CHECKLIST, "misuse-outside-use"),
  MISUSE_MORE_REQUESTED(KapUrls.PREDOSE_CHECKLIST, "misuse-more-requested"),
  CSSRS_POSITIVE(KapUrls.PREDOSE_CHECKLIST, "cssrs-positive"),
  BASELINE_SYSTOLIC(KapUrls.PREDOSE_CHECKLIST, "baseline-systolic"),
  BASELINE_DIASTOLIC(KapUrls.PREDOSE_CHECKLIST, "baseline-diastolic"),
  BASELINE_HEART_RATE(KapUrls.PREDOSE_CHECKLIST, "baseline-heart-rate"),
  BASELINE_SPO2(KapUrls.PREDOSE_CHECKLIST, "baseline-spo2"),
  BASELINE_TAKEN_AT(KapUrls.PREDOSE_CHECKLIST, "baseline-taken-at"),
  BP_ABOVE_GATE(KapUrls.PREDOSE_CHECKLIST, "bp-above-gate"),
  PRESCRIBER_DECISION(KapUrls.PREDOSE_CHECKLIST, "prescriber-decision"),
  PRESCRIBER_DECIDED_AT(KapUrls.PREDOSE_CHECKLIST, "prescriber-decided-at"),
  PRESCRIBER_NAME(KapUrls.PREDOSE_CHECKLIST, "prescriber-name"),
  PRESCRIBER_REASON(KapUrls.PREDOSE_CHECKLIST, "prescriber-reason"),
  DECISION_REQUIRED(KapUrls.PREDOSE_CHECKLIST, "decision-required"),
  DECISION_REASONS(KapUrls.PREDOSE_CHECKLIST, "decision-reasons"),
  READINESS(KapUrls.PREDOSE_CHECKLIST, "readiness"),
  INTERACTIONS_REVIEWED(KapUrls.PREDOSE_CHECKLIST, "interactions-reviewed"),
  FASTING(KapUrls.PREDOSE_CHECKLIST, "fasting"),
  NO_SUBSTANCES(KapUrls.PREDOSE_CHECKLIST, "no-substances"),
  CONSENT_TREATMENT(KapUrls.PREDOSE_CHECKLIST, "consent-treatment"),
  ESCORT(KapUrls.PREDOSE_CHECKLIST, "escort"),
  TIME_SINCE_DOSE(KapUrls.DISCHARGE_CHECKLIST, "time-since-dose"),
  SEDATION_RESOLVED(KapUrls.DISCHARGE_CHECKLIST, "sedation-resolved"),
  DISSOCIATION_RESOLVED(KapUrls.DISCHARGE_CHECKLIST, "dissociation-resolved"),
  DISCHARGE_SYSTOLIC(KapUrls.DISCHARGE_CHECKLIST, "discharge-systolic"),
  DISCHARGE_DIASTOLIC(KapUrls.DISCHARGE_CHECKLIST, "discharge-diastolic"),
  READY_TO_LEAVE_TIME(KapUrls.DISCHARGE_CHECKLIST, "ready-to-leave-time"),
  MONITORING_MINUTES(KapUrls.DISCHARGE_CHECKLIST, "monitoring-minutes"),
  BP_ACCEPTABLE(KapUrls.DISCHARGE_CHECKLIST, "bp-acceptable"),
  CLINICALLY_STABLE(KapUrls.DISCHARGE_CHECKLIST, "clinically-stable"),
  DISCHARGE_CRITERIA_MET(KapUrls.DISCHARGE_CHECKLIST, "discharge-criteria-met"),
  DISCHARGE_CRITERIA_UNMET(KapUrls.DISCHARGE_CHECKLIST, "discharge-criteria-unmet"),
  OVERRIDE_PRESCRIBER(KapUrls.DISCHARGE_CHECKLIST, "override-prescriber"),
  OVERRIDE_REASON(KapUrls.DISCHARGE_CHECKLIST, "override-reason"),
  OVERRIDE_AT(KapUrls.DISCHARGE_CHECKLIST, "override-at");

  private final String questionnaire;
  private final String linkId;

  ItemId(String questionnaire, String linkId) {
    this.questionnaire = questionnaire;
    this.linkId = linkId;
  }

  /** The canonical URL of the Questionnaire holding the item. */
  public String questionnaire() {
    return questionnaire;
  }

  /** The item's {@code linkId}. */
  public String linkId() {
    return linkId;
  }
}
