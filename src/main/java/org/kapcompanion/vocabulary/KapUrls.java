package org.kapcompanion.vocabulary;

/**
 * The canonical URLs of KAP Companion's conformance resources in {@code fhir-profiles/} (CodeSystems, profiles and
 * extensions, Questionnaires) and its identifier system. Every one resolves to a shipped resource.
 */
public final class KapUrls {

  public static final String BASE = "http://kapcompanion.org/fhir/";
  private static final String CODE_SYSTEM = BASE + "CodeSystem/";
  private static final String PROFILE = BASE + "StructureDefinition/";
  private static final String QUESTIONNAIRE = BASE + "Questionnaire/";

  /** The identifier system of every entry the app writes (not a conformance resource). */
  public static final String ENTRY_ID = BASE + "sid/entry";
  /** Marks the outbox bundle entry holding a fallback; internal to the outbox, never sent. */
  public static final String OUTBOX_FALLBACK = PROFILE + "outbox-fallback";

  public static final String OBSERVATION_CODES = CODE_SYSTEM + "kap-observation";
  public static final String ALERT_CODES = CODE_SYSTEM + "kap-alert";
  public static final String SESSION_TYPES = CODE_SYSTEM + "kap-session-type";
  public static final String QUICK_TAGS = CODE_SYSTEM + "kap-quick-tag";
  public static final String PLAN_ACTIVITIES = CODE_SYSTEM + "kap-plan-activity";
  public static final String PRESCRIBER_DECISIONS = CODE_SYSTEM + "kap-prescriber-decision";
  public static final String READINESS = CODE_SYSTEM + "kap-readiness";
  public static final String REVIEW_REASONS = CODE_SYSTEM + "kap-review-reason";
  public static final String REVIEW_STATUSES = CODE_SYSTEM + "kap-review-status";
  public static final String ADVERSE_EVENT_CODES = CODE_SYSTEM + "kap-adverse-event";

  public static final String PREPARATION_FORM = QUESTIONNAIRE + "kap-preparation";
  public static final String PREDOSE_CHECKLIST = QUESTIONNAIRE + "kap-predose-checklist";
  public static final String DISCHARGE_CHECKLIST = QUESTIONNAIRE + "kap-discharge-checklist";
  public static final String PHQ9_FORM = QUESTIONNAIRE + "phq-9";
  public static final String GAD7_FORM = QUESTIONNAIRE + "gad-7";

  public static final String SESSION_PROFILE = PROFILE + "kap-session";
  public static final String ADMINISTRATION_PROFILE = PROFILE + "kap-ketamine-administration";
  public static final String QUESTIONNAIRE_RESPONSE_PROFILE = PROFILE + "kap-questionnaire-response";
  public static final String SAFETY_ALERT_PROFILE = PROFILE + "kap-safety-alert";
  public static final String INTEGRATION_PLAN_PROFILE = PROFILE + "kap-integration-plan";
  public static final String INTEGRATION_GOAL_PROFILE = PROFILE + "kap-integration-goal";
  public static final String PLAN_DOCUMENT_PROFILE = PROFILE + "kap-integration-plan-document";
  public static final String OUTCOME_SCORE_PROFILE = PROFILE + "kap-outcome-score";
  public static final String REVIEW_TASK_PROFILE = PROFILE + "kap-review-task";
  public static final String CONSENT_PROFILE = PROFILE + "kap-consent";
  public static final String SAVE_PROVENANCE_PROFILE = PROFILE + "kap-save-provenance";
  public static final String SUPERVISOR_REVIEW_PROFILE = PROFILE + "kap-supervisor-review";
  public static final String LOT_NUMBER = PROFILE + "kap-lot-number";
  public static final String SOURCE_INTENTION = PROFILE + "kap-source-intention";

  /** The profile with this id, e.g. {@code kap-heart-rate}. */
  public static String profile(String id) {
    return PROFILE + id;
  }

  /** The id of a KAP profile's canonical URL, e.g. {@code kap-heart-rate}. */
  public static String profileId(String canonical) {
    return canonical.substring(PROFILE.length());
  }

  private KapUrls() {}
}
