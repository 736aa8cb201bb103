package org.kapcompanion.launch;

import org.kapcompanion.session.ClinicalScope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the scopes to request in SMART v1 or v2 syntax (SMART App Launch 2.x §3, "Scopes for requesting clinical
 * data") and tells which requested clinical scopes the EHR did not grant.
 */
final class ScopeNegotiation {

  /**
   * Resource types the app reads in a patient's chart: the record (with the Medications a MedicationRequest names),
   * and everything it writes, which it searches for before writing where the EHR has no conditional create. Named
   * one by one: a wildcard asks for more than the app needs, and EHRs that grant only named types refuse it.
   */
  private static final List<String> READ_TYPES = List.of(
      "Patient", "Condition", "MedicationRequest", "Medication", "MedicationStatement", "AllergyIntolerance",
      "Observation", "MedicationAdministration", "QuestionnaireResponse", "Flag", "Provenance", "Encounter",
      "CarePlan", "Goal", "DocumentReference", "Task", "Consent");

  /** Resource types the app writes in a patient's chart, all in the R4 Patient compartment. */
  private static final List<String> WRITE_TYPES = List.of(
      "Observation", "MedicationAdministration", "QuestionnaireResponse", "Flag", "Provenance",
      "Encounter", "CarePlan", "Goal", "DocumentReference");

  /** What a supervisor's review reads across patients: the sessions, everything recorded in them, and who did it. */
  private static final List<String> REVIEW_READ_TYPES = List.of(
      "Encounter", "Observation", "MedicationAdministration", "QuestionnaireResponse", "Flag", "Provenance", "Task",
      "CarePlan", "Goal", "DocumentReference", "Patient", "AllergyIntolerance", "Practitioner", "PractitionerRole",
      "Consent");

  private ScopeNegotiation() {}

  /**
   * The scopes for an EHR launch ({@code standalone=false}) or a standalone launch with a patient picker: the chart at
   * patient level, who the user is, and the review Task at user level. A
   * confidential client asks for {@code offline_access} (refresh after the browser is gone, for queued writes); a
   * public client for {@code online_access}, which EHRs grant it.
   */
  static Set<String> request(boolean v2, boolean standalone, boolean confidential) {
    Set<String> scopes = new LinkedHashSet<>(List.of(standalone ? "launch/patient" : "launch",
        "openid", "fhirUser", confidential ? "offline_access" : "online_access"));
    for (String type : READ_TYPES) {
      scopes.add("patient/" + type + (v2 ? ".rs" : ".read"));
    }
    for (String type : WRITE_TYPES) {
      scopes.add("patient/" + type + (v2 ? ".cu" : ".write"));
    }
    scopes.add("user/Practitioner" + (v2 ? ".rs" : ".read"));
    scopes.add("user/PractitionerRole" + (v2 ? ".rs" : ".read"));
    // The session's review Task, written as each session starts: R4 keeps Task outside the Patient compartment,
    // so a patient-level scope cannot create it (SMART App Launch 2.x, "Patient-specific scopes": the compartment).
    scopes.add("user/Task" + (v2 ? ".cu" : ".write"));
    return scopes;
  }

  /**
   * The scopes of a supervisor's standalone sign-in to the review queue: no patient context, user-level reads of the
   * sessions' records, and the writes of a co-sign (Provenance) and of the review queue (Task).
   */
  static Set<String> requestForReview(boolean v2, boolean confidential) {
    Set<String> scopes = new LinkedHashSet<>(List.of("openid", "fhirUser",
        confidential ? "offline_access" : "online_access"));
    for (String type : REVIEW_READ_TYPES) {
      scopes.add("user/" + type + (v2 ? ".rs" : ".read"));
    }
    scopes.add("user/Provenance" + (v2 ? ".c" : ".write"));
    scopes.add("user/Task" + (v2 ? ".cu" : ".write"));
    return scopes;
  }

  /** Requested clinical scopes that no granted scope covers (v1 and v2 syntax are compared by meaning). */
  static List<String> missing(Set<String> requested, Set<String> granted) {
    List<ClinicalScope> grantedScopes = granted.stream().map(ClinicalScope::parse)
        .flatMap(Optional::stream).toList();
    List<String> missing = new ArrayList<>();
    for (String scope : requested) {
      Optional<ClinicalScope> wanted = ClinicalScope.parse(scope);
      boolean covered = wanted.map(w -> grantedScopes.stream().anyMatch(g -> g.covers(w)))
          .orElse(!isIdentityScope(scope) || granted.contains(scope));
      if (!covered) {
        missing.add(scope);
      }
    }
    return missing;
  }

  private static boolean isIdentityScope(String scope) {
    return scope.equals("openid") || scope.equals("fhirUser");
  }
}
