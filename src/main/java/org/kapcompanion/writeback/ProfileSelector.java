package org.kapcompanion.writeback;

import static java.util.Map.entry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.kapcompanion.vocabulary.Code;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.OutcomeScore;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.SessionCode;
import org.kapcompanion.vocabulary.Systems;

/**
 * Chooses the KAP profile a resource must conform to from what it is (its type and, for observations, its code), so a
 * write is checked against the right profile whatever its {@code meta.profile} says.
 */
final class ProfileSelector {

  private static final Map<String, String> BY_TYPE =
      Map.ofEntries(
          entry("Encounter", KapUrls.SESSION_PROFILE),
          entry("MedicationAdministration", KapUrls.ADMINISTRATION_PROFILE),
          entry("QuestionnaireResponse", KapUrls.QUESTIONNAIRE_RESPONSE_PROFILE),
          entry("CarePlan", KapUrls.INTEGRATION_PLAN_PROFILE),
          entry("Goal", KapUrls.INTEGRATION_GOAL_PROFILE),
          entry("DocumentReference", KapUrls.PLAN_DOCUMENT_PROFILE),
          entry("Flag", KapUrls.SAFETY_ALERT_PROFILE),
          entry("Task", KapUrls.REVIEW_TASK_PROFILE),
          entry("Consent", KapUrls.CONSENT_PROFILE));

  /** The profile of each Observation code, from the vocabulary's reading kinds, outcome scores and session codes. */
  private static final Map<String, String> OBSERVATION_BY_CODE = observationProfiles();

  /** The canonical URL of the profile for this resource, or empty when KAP Companion has none for it. */
  Optional<String> profileFor(IBaseResource resource) {
    if (resource instanceof Observation observation) {
      return observation.getCode().getCoding().stream()
          .map(coding -> OBSERVATION_BY_CODE.get(coding.getSystem() + "|" + coding.getCode()))
          .filter(profile -> profile != null)
          .findFirst();
    }
    if (resource instanceof Provenance provenance) {
      return Optional.of(isReview(provenance) ? KapUrls.SUPERVISOR_REVIEW_PROFILE : KapUrls.SAVE_PROVENANCE_PROFILE);
    }
    return Optional.ofNullable(BY_TYPE.get(resource.fhirType()));
  }

  private static boolean isReview(Provenance provenance) {
    return provenance.getAgent().stream()
        .flatMap(agent -> agent.getType().getCoding().stream())
        .anyMatch(ProfileSelector::isReviewerRole);
  }

  private static boolean isReviewerRole(Coding coding) {
    return Systems.PARTICIPANT_TYPE.equals(coding.getSystem())
        && ("verifier".equals(coding.getCode()) || "attester".equals(coding.getCode()));
  }

  private static Map<String, String> observationProfiles() {
    Map<String, String> profiles = new HashMap<>();
    for (ReadingKind kind : ReadingKind.values()) {
      kind.codes().forEach(code -> profiles.put(key(code), kind.profile()));
    }
    for (OutcomeScore score : OutcomeScore.values()) {
      profiles.put(key(score.code()), score.profile());
    }
    for (SessionCode code : SessionCode.values()) {
      code.profile().ifPresent(profile -> profiles.put(key(code.code()), profile));
    }
    return Map.copyOf(profiles);
  }

  private static String key(Code code) {
    return code.system() + "|" + code.code();
  }
}
