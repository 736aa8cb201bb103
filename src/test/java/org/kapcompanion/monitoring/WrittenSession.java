package org.kapcompanion.monitoring;

import org.kapcompanion.testing.SandboxRecord;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.writeback.EntryIdentity;
import org.kapcompanion.writeback.SharedValidator;
import org.kapcompanion.writeback.ValidationResult;

/**
 * What one full session of a patient today leaves in the sandbox EHR, checked the same way whether the session was
 * driven over HTTP or through the pages: exactly the expected resources, each valid against its profile and each with
 * its Provenance where the EHR takes one.
 *
 * @param ehr the sandbox as the session's token sees it
 * @param patient the patient's id
 * @param launchEncounter the encounter the app was launched with, which the saved forms belong to; {@code null}
 *     for a launch without one, whose forms then have no encounter
 * @param takes what the sandbox persona takes
 */
record WrittenSession(SandboxRecord ehr, String patient, String launchEncounter, Ehr takes) {

  /** A session written to the strict persona, which takes every type the app writes. */
  WrittenSession(SandboxRecord ehr, String patient, String launchEncounter) {
    this(ehr, patient, launchEncounter, Ehr.of("strict"));
  }

  /**
   * What a sandbox persona takes of what the app writes.
   *
   * @param carePlans CarePlan and Goal creates (otherwise the plan is a DocumentReference and goals are in its text)
   * @param provenance Provenance creates
   */
  record Ehr(boolean carePlans, boolean provenance) {
    static Ehr of(String persona) {
      return switch (persona) {
        case "epic-like" -> new Ehr(false, false);
        case "oracle-like" -> new Ehr(false, true);
        default -> new Ehr(true, true);
      };
    }
  }

  /**
   * What the session is expected to have written.
   *
   * @param forms the entry ids of the saved forms (preparation notes, pre-dose checklists)
   * @param plan the entry id of the integration plan's CarePlan
   * @param goal the entry id of the plan's goal, or {@code null} when not checked
   * @param observations how many Observations the session Encounter holds (readings, scales, notes, events)
   * @param flag the code of the session's only alert Flag
   * @param entries entry ids of the session's entries that must be among the written resources (may be empty)
   */
  record Expected(List<String> forms, String plan, String goal, int observations, String flag, List<String> entries) {

    Expected(List<String> forms, String plan, int observations, String flag, List<String> entries) {
      this(forms, plan, null, observations, flag, entries);
    }
  }

  /** Asserts that the EHR holds exactly what {@code expected} describes for today's finished session. */
  void assertHolds(Expected expected) {
    for (String formEntry : expected.forms()) {
      QuestionnaireResponse response = (QuestionnaireResponse) single("QuestionnaireResponse", formEntry);
      if (launchEncounter == null) {
        assertThat(response.hasEncounter()).as("a form saved in a launch without an encounter").isFalse();
      } else {
        assertThat(response.getEncounter().getReference()).isEqualTo("Encounter/" + launchEncounter);
      }
      assertValidWithProvenance(response);
    }
    Encounter encounter = finishedSessionOfToday();
    String ref = "Encounter/" + encounter.getIdPart();
    assertPlan(expected, ref);

    List<Resource> observations = ehr.search("Observation?encounter=" + ref + "&patient=" + patient);
    List<Resource> doses = ehr.search("MedicationAdministration?context=" + ref + "&patient=" + patient);
    List<Resource> flags = ehr.search("Flag?encounter=" + ref + "&patient=" + patient);
    List<Resource> checklists = ehr.search("QuestionnaireResponse?encounter=" + ref + "&patient=" + patient);
    assertThat(doses).hasSize(1);
    assertThat(observations).hasSize(expected.observations());
    assertThat(flags).singleElement().satisfies(flag -> assertThat(((Flag) flag).getCode().getCodingFirstRep()
        .getCode()).isEqualTo(expected.flag()));
    assertThat(checklists).as("the pre-dose checklist the session started on, and the discharge checklist")
        .extracting(r -> ((QuestionnaireResponse) r).getQuestionnaire())
        .containsExactlyInAnyOrder(KapUrls.PREDOSE_CHECKLIST, KapUrls.DISCHARGE_CHECKLIST);

    List<Resource> written = new ArrayList<>(observations);
    written.addAll(doses);
    written.addAll(flags);
    written.addAll(checklists);
    written.add(encounter);
    int total = 0;
    for (Resource resource : written) {
      ValidationResult result = SharedValidator.VALIDATOR.validate(resource);
      assertThat(result.isValid()).as(resource.getResourceType() + " " + result).isTrue();
      int provenances = provenances(entryId(resource));
      assertThat(provenances).as("Provenance of " + resource.getResourceType())
          .isGreaterThanOrEqualTo(takes.provenance() ? 1 : 0);
      total += provenances;
    }
    assertThat(expected.entries()).allSatisfy(id -> assertThat(written.stream().map(WrittenSession::entryId))
        .contains(id));
    assertThat(total).isEqualTo(takes.provenance() ? written.size() : 0);
    assertThat(ehr.search("Provenance?target=" + ref + "&patient=" + patient))
        .as("the session's create and its update to finished").hasSize(takes.provenance() ? 2 : 0);
  }

  /** The plan as a CarePlan with its Goals, or, where the EHR takes no care plans, as a document and no Goal. */
  private void assertPlan(Expected expected, String sessionReference) {
    if (!takes.carePlans()) {
      DocumentReference document = (DocumentReference) single("DocumentReference", expected.plan());
      assertValidWithProvenance(document);
      assertThat(document.getContext().getEncounter()).extracting(Reference::getReference)
          .contains(sessionReference);
      assertThat(ehr.search("CarePlan?patient=" + patient + "&identifier=" + EntryIdentity.SYSTEM + "|"
          + expected.plan())).isEmpty();
      if (expected.goal() != null) {
        assertThat(ehr.search("Goal?patient=" + patient + "&identifier=" + EntryIdentity.SYSTEM + "|"
            + expected.goal())).isEmpty();
      }
      return;
    }
    CarePlan carePlan = (CarePlan) single("CarePlan", expected.plan());
    assertValidWithProvenance(carePlan);
    assertThat(carePlan.getEncounter().getReference()).isEqualTo(sessionReference);
    assertThat(carePlan.getGoal()).isNotEmpty();
    for (Reference goal : carePlan.getGoal()) {
      assertValidWithProvenance(ehr.search(goal.getReference().replace("/", "?_id=") + "&patient=" + patient)
          .get(0));
    }
  }

  private Encounter finishedSessionOfToday() {
    List<Resource> found = ehr.search("Encounter?patient=" + patient + "&type=" + KapUrls.SESSION_TYPES + "|"
        + EntryMapping.SESSION_KIND + "&date=ge" + LocalDate.now());
    assertThat(found).as("dosing sessions of " + patient + " today").hasSize(1);
    Encounter encounter = (Encounter) found.get(0);
    assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
    assertThat(encounter.getPeriod().hasEnd()).isTrue();
    assertThat(encounter.hasPartOf()).as("part of the launch encounter").isEqualTo(launchEncounter != null);
    return encounter;
  }

  private Resource single(String type, String entryId) {
    List<Resource> found = ehr.search(type + "?patient=" + patient + "&identifier=" + EntryIdentity.SYSTEM + "|"
        + entryId);
    assertThat(found).as(type + " " + entryId).hasSize(1);
    return found.get(0);
  }

  /** Valid against its profile, with one Provenance where the EHR takes them and none where it does not. */
  private void assertValidWithProvenance(Resource resource) {
    ValidationResult result = SharedValidator.VALIDATOR.validate(resource);
    assertThat(result.isValid()).as(resource.getResourceType() + " " + result).isTrue();
    assertThat(provenances(entryId(resource))).as("Provenance of " + resource.getResourceType())
        .isEqualTo(takes.provenance() ? 1 : 0);
  }

  private int provenances(String entryId) {
    return ehr.search("Provenance?patient=" + patient + "&_tag=" + EntryIdentity.SYSTEM + "|" + entryId).size();
  }

  /** The entry id a written resource carries as its identifier in the app's entry system. */
  private static String entryId(Resource resource) {
    return SharedValidator.FHIR.newTerser().getValues(resource, "identifier", Identifier.class).stream()
        .filter(identifier -> EntryIdentity.SYSTEM.equals(identifier.getSystem())).map(Identifier::getValue)
        .findFirst().orElseThrow(() -> new AssertionError(resource.getResourceType() + " has no entry identifier"));
  }
}
