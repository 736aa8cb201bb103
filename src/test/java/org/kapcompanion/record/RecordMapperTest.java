package org.kapcompanion.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.ConfigLoader;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.OutcomeScore;
import org.kapcompanion.vocabulary.Systems;

class RecordMapperTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-11-21");
  private static List<Resource> resources;
  private static RecordMapper mapper;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = RecordMapperTest.class.getResourceAsStream("/record/patient-record.json")) {
      Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, in);
      resources = RecordMapper.resourcesOf(bundle);
    }
    mapper = new RecordMapper(protocol(), ZoneOffset.UTC);
  }

  static org.kapcompanion.config.ClinicalProtocol protocol() throws Exception {
    return new ConfigLoader(Map.of(), Path.of("").toAbsolutePath()).parse(
        "{\"publicBaseUrl\": \"http://localhost:8080/\", \"dataDir\": \"target/test-data\"}").protocol();
  }

  /** Each read returns what a FHIR server would return for it. */
  private static Map<RecordPart, RecordMapper.PartResult> allParts() {
    Map<RecordPart, RecordMapper.PartResult> parts = new EnumMap<>(RecordPart.class);
    parts.put(RecordPart.PATIENT, ofType("Patient"));
    parts.put(RecordPart.CONDITIONS, ofType("Condition"));
    parts.put(RecordPart.MEDICATION_REQUESTS, ofType("MedicationRequest", "Medication"));
    parts.put(RecordPart.MEDICATION_STATEMENTS, ofType("MedicationStatement"));
    parts.put(RecordPart.ALLERGIES, ofType("AllergyIntolerance"));
    parts.put(RecordPart.VITALS, observations(Systems.LOINC, "85354-9", "8867-4"));
    parts.put(RecordPart.SCORES, observations(Systems.LOINC, OutcomeScore.PHQ9.code().code()));
    parts.put(RecordPart.DOSES, ofType("MedicationAdministration"));
    parts.put(RecordPart.SESSION_SCALES, observations(KapUrls.OBSERVATION_CODES, "moaas", "session-theme"));
    parts.put(RecordPart.CLINICIAN, RecordMapper.PartResult.of(List.of()));
    return parts;
  }

  private static RecordMapper.PartResult ofType(String... types) {
    return RecordMapper.PartResult.of(resources.stream()
        .filter(r -> List.of(types).contains(r.fhirType())).toList());
  }

  private static RecordMapper.PartResult observations(String system, String... codes) {
    return RecordMapper.PartResult.of(resources.stream()
        .filter(r -> r instanceof Observation o && o.getCode().getCoding().stream()
            .anyMatch(c -> system.equals(c.getSystem()) && List.of(codes).contains(c.getCode())))
        .toList());
  }

  @Test
  void bannerShowsNameAgeAndTheMedicalRecordNumber() {
    PatientRecord.Patient patient = mapper.map(allParts(), TODAY).patient().value();
    assertThat(patient.name()).isEqualTo("Dana Rivera");
    assertThat(patient.age()).contains(40);
    assertThat(patient.mrn()).contains("MRN-0042");
  }

  @Test
  void activeConditionsComeFirstWithProtocolFlags() {
    List<PatientRecord.Condition> conditions = mapper.map(allParts(), TODAY).conditions().value();
    assertThat(conditions.get(0).name()).isEqualTo("Essential hypertension");
    assertThat(conditions.get(0).flag()).hasValueSatisfying(flag -> {
      assertThat(flag.severity()).isEqualTo("caution");
      assertThat(flag.label()).isEqualTo("Hypertension");
    });
    assertThat(conditions).last().satisfies(c -> {
      assertThat(c.active()).isFalse();
      assertThat(c.flag()).isEmpty();
    });
  }

  @Test
  void interactingMedicationsAreFlaggedByNameAndByCode() {
    List<PatientRecord.Medication> medications = mapper.map(allParts(), TODAY).medications().value();
    assertThat(medications).extracting(PatientRecord.Medication::name)
        .containsExactlyInAnyOrder("lorazepam 1 MG Oral Tablet", "lamotrigine");
    assertThat(medications).allSatisfy(m -> assertThat(m.interaction()).isPresent());
    assertThat(medications).filteredOn(m -> m.name().equals("lamotrigine")).singleElement()
        .satisfies(m -> assertThat(m.interaction().get().label()).isEqualTo("Lamotrigine"));
  }

  @Test
  void latestVitalsTakeTheNewestReading() {
    List<PatientRecord.VitalSign> vitals = mapper.map(allParts(), TODAY).latestVitals().value();
    assertThat(vitals).filteredOn(v -> v.label().equals("Blood pressure")).singleElement()
        .satisfies(v -> {
          assertThat(v.value()).isEqualTo("128/82");
          assertThat(v.attention()).isEmpty();
        });
    assertThat(vitals).filteredOn(v -> v.label().equals("Heart rate")).singleElement()
        .satisfies(v -> assertThat(v.value()).isEqualTo("72"));
  }

  @Test
  void bloodPressureAboveTheClinicsGateIsMarked() {
    Map<RecordPart, RecordMapper.PartResult> parts = allParts();
    parts.put(RecordPart.VITALS, RecordMapper.PartResult.of(resources.stream()
        .filter(r -> r.getIdElement().getIdPart().equals("bp-old")).toList()));
    PatientRecord.VitalSign bp = mapper.map(parts, TODAY).latestVitals().value().get(0);
    assertThat(bp.value()).isEqualTo("152/94");
    assertThat(bp.attention()).contains("Above the pre-dose limit of 140/90");
  }

  @Test
  void scoresFormAnOldestFirstSeries() {
    PatientRecord.ScoreSeries phq9 = mapper.map(allParts(), TODAY).outcomeScores().value().get(0);
    assertThat(phq9.name()).isEqualTo("PHQ-9");
    assertThat(phq9.range()).as("shown beside the name").isEqualTo("0–27, self-report");
    assertThat(phq9.points()).extracting(PatientRecord.ScorePoint::value).containsExactly(21, 12);
    assertThat(phq9.changeSinceFirst()).contains(-9);
  }

  @Test
  void priorSessionsSummariseDoseSedationBloodPressureAndThemes() {
    PatientRecord.PriorSession session = mapper.map(allParts(), TODAY).priorSessions().value().listed().get(0);
    assertThat(session.date()).contains(LocalDate.parse("2026-10-01"));
    assertThat(session.milligrams()).isEqualTo("50");
    assertThat(session.route()).isEqualTo("Intramuscular route");
    assertThat(session.lowestSedationScore()).contains(3);
    assertThat(session.highestBloodPressure()).contains("152/94");
    assertThat(session.themes()).containsExactly("Grief for her father");
  }

  @Test
  void aTopUpIsPartOfItsSessionWhichIsListedOnceWithEveryDoseAndItsObservationsOnce() {
    Map<RecordPart, RecordMapper.PartResult> parts = allParts();
    List<Resource> doses = new ArrayList<>(parts.get(RecordPart.DOSES).resources());
    doses.add(ketamine("top-up", "Encounter/e1", "2026-10-01T10:25:00Z", 40));
    doses.add(ketamine("elsewhere", null, "2026-09-01T09:00:00Z", 30));
    parts.put(RecordPart.DOSES, RecordMapper.PartResult.of(doses));

    List<PatientRecord.PriorSession> sessions = mapper.map(parts, TODAY).priorSessions().value().listed();

    assertThat(sessions).hasSize(2);
    assertThat(sessions.get(0).milligrams()).isEqualTo("90 (50 + 40)");
    assertThat(sessions.get(0).withoutSession()).isFalse();
    assertThat(sessions.get(0).lowestSedationScore()).contains(3);
    assertThat(sessions.get(0).themes()).containsExactly("Grief for her father");
    assertThat(sessions.get(1).milligrams()).isEqualTo("30");
    assertThat(sessions.get(1).withoutSession()).as("labelled as a dose without a session").isTrue();
  }

  @Test
  void anAdministrationThatCannotBeReadAsADoseIsCountedInItsSessionNotAddedToItsTotal() {
    Map<RecordPart, RecordMapper.PartResult> parts = allParts();
    List<Resource> doses = new ArrayList<>(parts.get(RecordPart.DOSES).resources());
    MedicationAdministration unreadable = ketamine("no-route", "Encounter/e1", "2026-10-01T10:30:00Z", 20);
    unreadable.getDosage().setRoute(null);
    doses.add(unreadable);
    parts.put(RecordPart.DOSES, RecordMapper.PartResult.of(doses));

    PatientRecord.PriorSession session = mapper.map(parts, TODAY).priorSessions().value().listed().get(0);

    assertThat(session.milligrams()).isEqualTo("50");
    assertThat(session.unreadableDoses()).isEqualTo(1);
  }

  @Test
  void whenTheEhrHoldsMoreDosesThanThePageTheOldestListedSessionIsLeftOutAndMarked() throws IOException {
    Bundle page = dosesFirstPage();

    PatientRecord.PriorSessions sessions = priorSessionsFrom(page);

    assertThat(sessions.olderNotShown()).isTrue();
    assertThat(sessions.listed())
        .extracting(s -> s.date().orElseThrow().toString(), PatientRecord.PriorSession::milligrams)
        .as("the 2026-10-01 session may have doses past the page, so it is not shown with a partial total")
        .containsExactly(tuple("2026-11-10", "50"), tuple("2026-10-20", "60 (40 + 20)"));
  }

  @Test
  void aTotalAboveThePagesEntriesAloneMarksOlderSessionsAsNotShown() throws IOException {
    Bundle page = dosesFirstPage();
    page.getLink().removeIf(link -> link.getRelation().equals(Bundle.LINK_NEXT));

    assertThat(priorSessionsFrom(page).olderNotShown()).isTrue();
  }

  @Test
  void whenEveryDoseFitsOnThePageEverySessionIsListed() throws IOException {
    Bundle page = dosesFirstPage();
    page.getLink().removeIf(link -> link.getRelation().equals(Bundle.LINK_NEXT));
    page.setTotal(page.getEntry().size());

    PatientRecord.PriorSessions sessions = priorSessionsFrom(page);

    assertThat(sessions.olderNotShown()).isFalse();
    assertThat(sessions.listed()).extracting(PatientRecord.PriorSession::milligrams)
        .containsExactly("50", "60 (40 + 20)", "30");
  }

  private static Bundle dosesFirstPage() throws IOException {
    try (InputStream in = RecordMapperTest.class.getResourceAsStream("/record/doses-first-page.json")) {
      return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, in);
    }
  }

  private static PatientRecord.PriorSessions priorSessionsFrom(Bundle page) {
    Map<RecordPart, RecordMapper.PartResult> parts = allParts();
    parts.put(RecordPart.DOSES, FirstPage.read(page));
    return mapper.map(parts, TODAY).priorSessions().value();
  }

  @Test
  void oneFailedReadOnlyEmptiesItsOwnSection() {
    Map<RecordPart, RecordMapper.PartResult> parts = allParts();
    parts.put(RecordPart.MEDICATION_REQUESTS, RecordMapper.PartResult.failed("The EHR did not allow it."));
    PatientRecord record = mapper.map(parts, TODAY);
    assertThat(record.medications().isLoaded()).isFalse();
    assertThat(record.medications().message()).isEqualTo("The EHR did not allow it.");
    assertThat(record.conditions().isLoaded()).isTrue();
    assertThat(record.patient().isLoaded()).isTrue();
  }

  @Test
  void clinicianReadIsOnlyForPractitionerReferences() {
    assertThat(RecordPart.CLINICIAN.url("p1", java.util.Optional.of("Practitioner/t-1"))).contains("Practitioner/t-1");
    assertThat(RecordPart.CLINICIAN.url("p1", java.util.Optional.of("Patient/p1"))).isEmpty();
    assertThat(RecordPart.CLINICIAN.url("p1", java.util.Optional.of("Practitioner/../../x"))).isEmpty();
  }

  private static MedicationAdministration ketamine(String id, String encounter, String at, int milligrams) {
    MedicationAdministration given = new MedicationAdministration();
    given.setId(id);
    given.setMedication(new CodeableConcept(new Coding(Systems.RXNORM, "6130", "ketamine")));
    if (encounter != null) {
      given.setContext(new Reference(encounter));
    }
    given.setEffective(new DateTimeType(at));
    given.getDosage().setRoute(new CodeableConcept(new Coding(Systems.SNOMED, "78421000", "Intramuscular route")))
        .setDose(new Quantity().setValue(milligrams).setUnit("mg").setSystem("http://unitsofmeasure.org").setCode("mg"));
    return given;
  }
}
