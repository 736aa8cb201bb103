package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;
import org.kapcompanion.vocabulary.KapUrls;

class ProfileSelectorTest {

  private static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
  private final ProfileSelector selector = new ProfileSelector();

  @Test
  void observationIsMatchedByItsLoincCode() {
    Observation bp = new Observation().setCode(new CodeableConcept(new Coding("http://loinc.org", "85354-9", null)));

    assertThat(selector.profileFor(bp)).contains(KapUrls.profile("kap-blood-pressure"));
  }

  @Test
  void observationIsMatchedByAnyOfItsCodings() {
    Observation spo2 = new Observation().setCode(new CodeableConcept()
        .addCoding(new Coding("http://example.org/local", "SPO2", null))
        .addCoding(new Coding("http://loinc.org", "59408-5", null)));

    assertThat(selector.profileFor(spo2)).contains(KapUrls.profile("kap-oxygen-saturation"));
  }

  @Test
  void observationWithAnUnknownCodeHasNoProfile() {
    Observation weight = new Observation().setCode(new CodeableConcept(new Coding("http://loinc.org", "29463-7", null)));

    assertThat(selector.profileFor(weight)).isEmpty();
  }

  @Test
  void provenanceWithAVerifierIsASupervisorReview() {
    Provenance review = new Provenance();
    review.addAgent().setType(new CodeableConcept(new Coding(PARTICIPANT_TYPE, "verifier", null)));

    assertThat(selector.profileFor(review)).contains(KapUrls.profile("kap-supervisor-review"));
  }

  @Test
  void provenanceWithAnAuthorIsASaveRecord() {
    Provenance save = new Provenance();
    save.addAgent().setType(new CodeableConcept(new Coding(PARTICIPANT_TYPE, "author", null)));

    assertThat(selector.profileFor(save)).contains(KapUrls.profile("kap-save-provenance"));
  }

  @Test
  void resourceTheAppNeverWritesHasNoProfile() {
    assertThat(selector.profileFor(new Patient())).isEmpty();
  }
}
