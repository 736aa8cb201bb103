package org.kapcompanion.recorded;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Where a session's records point at their session. */
class SessionReferenceTest {

  @Test
  void readingsAlertsAndChecklistsPointThroughTheirEncounter() {
    assertThat(SessionReference.of(new Observation().setEncounter(new Reference("Encounter/1"))))
        .map(Reference::getReference).contains("Encounter/1");
    assertThat(SessionReference.of(new Flag().setEncounter(new Reference("Encounter/2"))))
        .map(Reference::getReference).contains("Encounter/2");
    assertThat(SessionReference.of(new QuestionnaireResponse().setEncounter(new Reference("Encounter/3"))))
        .map(Reference::getReference).contains("Encounter/3");
  }

  @Test
  void aDosePointsThroughItsContextAsWrittenAlsoAsAnUnsentEntrysUrn() {
    MedicationAdministration dose = new MedicationAdministration().setContext(new Reference("urn:uuid:abc"));

    assertThat(SessionReference.of(dose)).map(Reference::getReference).contains("urn:uuid:abc");
  }

  @Test
  void aRecordWithoutASessionAndOtherResourcesPointNowhere() {
    assertThat(SessionReference.of(new Observation())).isEmpty();
    assertThat(SessionReference.of(new CarePlan().setEncounter(new Reference("Encounter/4")))).isEmpty();
    assertThat(SessionReference.of(new Provenance().addTarget(new Reference("Encounter/5")))).isEmpty();
  }
}
