package org.kapcompanion.writeback;

import static java.util.Map.entry;

import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;

/**
 * Chooses the KAP profile a resource must conform to from what it is (its type and, for observations, its code), so a
 * write is checked against the right profile whatever its {@code meta.profile} says.
 */
final class ProfileSelector {

  static final String PROFILE_BASE = "http://kapcompanion.org/fhir/StructureDefinition/";
  private static final String LOINC = "http://loinc.org";
  private static final String KAP_OBSERVATION = "http://kapcompanion.org/fhir/CodeSystem/kap-observation";
  private static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

  private static final Map<String, String> BY_TYPE =
      Map.ofEntries(
          entry("Encounter", "kap-session"),
          entry("MedicationAdministration", "kap-ketamine-administration"),
          entry("QuestionnaireResponse", "kap-questionnaire-response"),
          entry("CarePlan", "kap-integration-plan"),
          entry("Goal", "kap-integration-goal"),
          entry("DocumentReference", "kap-integration-plan-document"),
          entry("Flag", "kap-safety-alert"),
          entry("Task", "kap-review-task"));

  private static final Map<String, String> OBSERVATION_BY_CODE =
      Map.ofEntries(
          entry(LOINC + "|85354-9", "kap-blood-pressure"),
          entry(LOINC + "|8867-4", "kap-heart-rate"),
          entry(LOINC + "|9279-1", "kap-respiratory-rate"),
          entry(LOINC + "|2708-6", "kap-oxygen-saturation"),
          entry(LOINC + "|59408-5", "kap-oxygen-saturation"),
          entry(LOINC + "|44261-6", "kap-outcome-score"),
          entry(LOINC + "|70274-6", "kap-outcome-score"),
          entry(LOINC + "|101698-9", "kap-outcome-score"),
          entry(KAP_OBSERVATION + "|moaas", "kap-moaas"),
          entry(KAP_OBSERVATION + "|dissociation-rating", "kap-dissociation-rating"),
          entry(KAP_OBSERVATION + "|cadss-total", "kap-cadss-total"),
          entry(KAP_OBSERVATION + "|suds", "kap-suds"),
          entry(KAP_OBSERVATION + "|nausea", "kap-nausea"),
          entry(KAP_OBSERVATION + "|adverse-event", "kap-adverse-event"),
          entry(KAP_OBSERVATION + "|session-note", "kap-session-note"),
          entry(KAP_OBSERVATION + "|session-theme", "kap-session-theme"));

  /** The canonical URL of the profile for this resource, or empty when KAP Companion has none for it. */
  Optional<String> profileFor(IBaseResource resource) {
    return profileId(resource).map(id -> PROFILE_BASE + id);
  }

  private static Optional<String> profileId(IBaseResource resource) {
    if (resource instanceof Observation observation) {
      return observation.getCode().getCoding().stream()
          .map(coding -> OBSERVATION_BY_CODE.get(coding.getSystem() + "|" + coding.getCode()))
          .filter(id -> id != null)
          .findFirst();
    }
    if (resource instanceof Provenance provenance) {
      return Optional.of(isReview(provenance) ? "kap-supervisor-review" : "kap-save-provenance");
    }
    return Optional.ofNullable(BY_TYPE.get(resource.fhirType()));
  }

  private static boolean isReview(Provenance provenance) {
    return provenance.getAgent().stream()
        .flatMap(agent -> agent.getType().getCoding().stream())
        .anyMatch(ProfileSelector::isReviewerRole);
  }

  private static boolean isReviewerRole(Coding coding) {
    return PARTICIPANT_TYPE.equals(coding.getSystem())
        && ("verifier".equals(coding.getCode()) || "attester".equals(coding.getCode()));
  }
}
