package org.kapcompanion.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class PlausibleAnswersTest {

  private static final URI PHQ9_SEARCH = URI.create(
      "http://ehr/fhir/Observation?patient=Patient%2F1&code=http%3A%2F%2Floinc.org%7C44261-6,http%3A%2F%2Floinc.org%7C70274-6");

  @Test
  void searchByCodeAnsweredWithOtherCodesIsAFailedReadNotNone() {
    Bundle answer = bundleOf(observation("http://loinc.org", "8480-6"));

    assertThat(PlausibleAnswers.problem(PHQ9_SEARCH, answer)).hasValueSatisfying(p -> p.contains("other codes"));
  }

  @Test
  void successStatusWithAnOperationOutcomeIsAFailedRead() {
    assertThat(PlausibleAnswers.problem(PHQ9_SEARCH, new OperationOutcome())).isPresent();
    assertThat(PlausibleAnswers.problem(URI.create("http://ehr/fhir/Patient/1"), new OperationOutcome())).isPresent();
  }

  @Test
  void matchingCodesIncludedResourcesAndEmptyResultsAreBelieved() {
    Bundle answer = bundleOf(observation("http://loinc.org", "44261-6"), observation("http://loinc.org", "70274-6"));
    answer.addEntry().setResource(new Patient()).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);

    assertThat(PlausibleAnswers.problem(PHQ9_SEARCH, answer)).isEmpty();
    assertThat(PlausibleAnswers.problem(PHQ9_SEARCH, new Bundle())).isEmpty();
    assertThat(PlausibleAnswers.problem(URI.create("http://ehr/fhir/Observation?patient=1"),
        bundleOf(observation("http://loinc.org", "8480-6")))).isEmpty();
  }

  @Test
  void resourceTypeIsReadWhereverTheAnswerNamesItAndNothingElseCounts() {
    assertThat(PlausibleAnswers.resourceType("{\"resourceType\":\"OperationOutcome\",\"issue\":[]}"))
        .isEqualTo("OperationOutcome");
    assertThat(PlausibleAnswers.resourceType("{\"id\":\"1\",\"meta\":{\"resourceType\":\"x\"},"
        + "\"resourceType\":\"Patient\"}")).isEqualTo("Patient");
    assertThat(PlausibleAnswers.resourceType("[1,2]")).isEmpty();
    assertThat(PlausibleAnswers.resourceType("{\"resourceType\":")).isEmpty();
    assertThat(PlausibleAnswers.resourceType("")).isEmpty();
  }

  private static Observation observation(String system, String code) {
    return new Observation().setCode(new CodeableConcept(new Coding(system, code, null)));
  }

  private static Bundle bundleOf(Observation... observations) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    for (Observation o : observations) {
      bundle.addEntry().setResource(o).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
    }
    return bundle;
  }
}
