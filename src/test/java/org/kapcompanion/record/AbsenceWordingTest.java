package org.kapcompanion.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.vocabulary.Coded;
import org.kapcompanion.vocabulary.NoKnownAllergy;
import org.kapcompanion.vocabulary.Systems;

/** How every section words what it has nothing to list: unreadable, none recorded, or the EHR's own assertion. */
class AbsenceWordingTest {

  @Test
  void aFailedReadSaysCouldNotBeReadInTheWarningStyleWithWhatWentWrong() {
    Optional<Absence> absence = Absence.of(Section.unavailable("The EHR could not provide this just now."));
    assertThat(absence).contains(new Absence("Could not be read — check the chart", true,
        "The EHR could not provide this just now."));
  }

  @Test
  void anEmptySuccessfulSearchSaysNoneRecordedInTheEhrAndAListSaysNothing() {
    assertThat(Absence.of(Section.loaded(List.of()))).contains(new Absence("None recorded in the EHR", false, ""));
    assertThat(Absence.of(Section.loaded(List.of("Hypertension")))).isEmpty();
  }

  @Test
  void noKnownAllergiesOnlyWhereTheEhrRecordsThatAssertion() {
    assertThat(Absence.ofAllergies(Section.loaded(new PatientRecord.Allergies(List.of(), List.of()))))
        .contains(Absence.noneRecorded());
    assertThat(Absence.ofAllergies(Section.loaded(new PatientRecord.Allergies(List.of(), List.of("No known allergies")))))
        .contains(new Absence("No known allergies", false, ""));
    assertThat(Absence.ofAllergies(Section.unavailable("x")).orElseThrow().unreadable()).isTrue();
  }

  @Test
  void priorSessionsSayNoneRecordedOnlyWhenTheEhrHoldsNoOlderOnes() {
    assertThat(Absence.ofPriorSessions(Section.loaded(new PatientRecord.PriorSessions(List.of(), false))))
        .contains(Absence.noneRecorded());
    assertThat(Absence.ofPriorSessions(Section.loaded(new PatientRecord.PriorSessions(List.of(), true))))
        .as("the section's note says older sessions are not shown").isEmpty();
    assertThat(Absence.ofPriorSessions(Section.unavailable("x")).orElseThrow().unreadable()).isTrue();
  }

  @Test
  void theRecordTakesTheSnomedNoKnownAllergyCodesAsAssertionsNotAsAllergies() throws Exception {
    PatientRecord record = map(allergy("a1", NoKnownAllergy.DRUG.code().code(), "No known drug allergy"));
    assertThat(record.allergies().value().recorded()).isEmpty();
    assertThat(record.allergies().value().noneKnown()).containsExactly("No known drug allergies");
    assertThat(Absence.ofAllergies(record.allergies()).orElseThrow().text()).isEqualTo("No known drug allergies");

    PatientRecord empty = map();
    assertThat(Absence.ofAllergies(empty.allergies()).orElseThrow().text()).isEqualTo("None recorded in the EHR");

    PatientRecord real = map(allergy("a2", "91936005", "Penicillin"));
    assertThat(Absence.ofAllergies(real.allergies())).isEmpty();
    assertThat(real.allergies().value().recorded()).extracting(PatientRecord.Allergy::substance)
        .containsExactly("Penicillin");
  }

  @Test
  void theFourNoKnownAllergyCodesAreSnomedsSituations() {
    assertThat(List.of(NoKnownAllergy.values())).extracting(n -> n.code().code())
        .containsExactly("716186003", "409137002", "429625007", "428607008");
    assertThat(Coded.of(NoKnownAllergy.class, Systems.SNOMED, "716186003")).contains(NoKnownAllergy.ANY);
    assertThat(Coded.of(NoKnownAllergy.class, "http://example.org", "716186003")).isEmpty();
  }

  @Test
  void aListWithFewerMatchesThanTheEhrSaysItHoldsWasCutShort() {
    Bundle partial = new Bundle().setTotal(3);
    partial.addEntry().setResource(new Patient()).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
    partial.addEntry().setResource(new Patient()).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
    partial.addEntry().setResource(new Patient()).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
    assertThat(RecordMapper.cutShort(partial)).isTrue();
    partial.addEntry().setResource(new Patient());
    assertThat(RecordMapper.cutShort(partial)).isFalse();
    assertThat(RecordMapper.cutShort(new Bundle())).isFalse();
  }

  @Test
  void aValueTheRecordShouldHaveGivenSaysWhyItIsMissing() {
    assertThat(Absence.ofValue(true).text()).isEqualTo("Could not be read — check the chart");
    assertThat(Absence.ofValue(false).text()).isEqualTo("None recorded in the EHR");
  }

  private static AllergyIntolerance allergy(String id, String snomed, String display) {
    AllergyIntolerance allergy = new AllergyIntolerance();
    allergy.setId(id);
    allergy.setCode(new CodeableConcept().addCoding(new Coding(Systems.SNOMED, snomed, display)));
    return allergy;
  }

  private static PatientRecord map(Resource... allergies) throws Exception {
    RecordMapper mapper = new RecordMapper(RecordMapperTest.protocol(), java.time.ZoneOffset.UTC);
    Patient patient = new Patient();
    patient.addName().setFamily("Test");
    return mapper.map(Map.of(RecordPart.PATIENT, RecordMapper.PartResult.of(List.of(patient)),
        RecordPart.ALLERGIES, RecordMapper.PartResult.of(List.of(allergies))), java.time.LocalDate.of(2026, 12, 3));
  }
}
