package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kapcompanion.recorded.AdverseEvent;
import org.kapcompanion.recorded.Alert;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.vocabulary.AdverseEventCode;
import org.kapcompanion.vocabulary.AlertCode;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.Route;
import org.kapcompanion.writeback.Entry;
import org.kapcompanion.writeback.SharedValidator;
import org.kapcompanion.writeback.ValidationResult;

/** Each thing recorded in a dosing session maps to a resource that conforms to its KAP profile. */
class EntryMappingTest {

  private static final Instant NOW = Instant.parse("2026-11-20T14:00:00Z");
  private static final String SESSION = "4f7a9d2c-2b1e-4a57-9d7c-1f2e3d4c5b6a";
  private static final SessionSubject SUBJECT = new SessionSubject("kap-pt-01",
      Optional.of(new Reference("urn:uuid:" + SESSION)), Optional.of("Practitioner/kap-therapist-1"));

  @Test
  void thePredoseChecklistTheSessionStartedOnIsRecordedInTheSessionOnceAndValid() throws Exception {
    org.hl7.fhir.r4.model.QuestionnaireResponse checklist = SharedValidator.FHIR.newJsonParser().parseResource(
        org.hl7.fhir.r4.model.QuestionnaireResponse.class, java.nio.file.Files.readString(java.nio.file.Path.of(
            "fhir-profiles/examples/QuestionnaireResponse-kap-example-predose-checklist.json")));
    Entry entry = EntryMapping.predoseInSession(checklist, SESSION);
    org.hl7.fhir.r4.model.QuestionnaireResponse copy = (org.hl7.fhir.r4.model.QuestionnaireResponse) entry.target();

    assertThat(copy.getEncounter().getReference()).isEqualTo("urn:uuid:" + SESSION);
    assertThat(copy.getAuthored()).isEqualTo(checklist.getAuthored());
    assertThat(copy.getIdentifier().getValue()).isEqualTo(entry.entryId())
        .isEqualTo(EntryMapping.predoseInSession(checklist, SESSION).entryId())
        .isNotEqualTo(checklist.getIdentifier().getValue());
    assertThat(copy.getItem()).hasSameSizeAs(checklist.getItem());
    ValidationResult result = SharedValidator.VALIDATOR.validate(copy);
    assertThat(result.isValid()).as(result.toString()).isTrue();
  }

  @Test
  void startedSessionIsAnInProgressKapSessionPartOfTheLaunchEncounter() {
    Entry entry = EntryMapping.startedSession(SESSION, SUBJECT, Optional.of("visit-1"), NOW);
    Encounter encounter = (Encounter) entry.target();

    assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
    assertThat(encounter.getPartOf().getReference()).isEqualTo("Encounter/visit-1");
    assertThat(encounter.getIdentifierFirstRep().getValue()).isEqualTo(SESSION);
    assertValid(encounter);
  }

  @Test
  void finishedSessionIsAnUpdateWithAnEnd() {
    Encounter started = (Encounter) EntryMapping.startedSession(SESSION, SUBJECT, Optional.empty(), NOW).target();
    Entry finished = EntryMapping.finishedSession(UUID.randomUUID().toString(), started, "Encounter/42",
        NOW.plusSeconds(7200));

    assertThat(finished.update().orElseThrow().reference()).isEqualTo("Encounter/42");
    assertThat(finished.update().orElseThrow().version()).isEmpty();
    assertThat(((Encounter) finished.target()).getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
    assertValid(finished.target());
  }

  @Test
  void doseBecomesAKetamineAdministrationWithLotRouteAndMilligrams() {
    Dose dose = new Dose(UUID.randomUUID().toString(), Drug.KETAMINE, new BigDecimal("50"), Route.IM,
        "KX24117", NOW);
    MedicationAdministration given = (MedicationAdministration) EntryMapping.dose(dose, SUBJECT).target();

    assertThat(given.getDosage().getDose().getCode()).isEqualTo("mg");
    assertThat(given.getDosage().getRoute().getCodingFirstRep().getCode()).isEqualTo("78421000");
    assertThat(given.getContext().getReference()).isEqualTo("urn:uuid:" + SESSION);
    assertValid(given);
  }

  @ParameterizedTest
  @EnumSource(ReadingKind.class)
  void everyReadingConformsToItsProfile(ReadingKind kind) {
    int value = kind == ReadingKind.BLOOD_PRESSURE ? 132 : Math.min(kind.max(), Math.max(kind.min(), 3));
    Reading reading = Reading.of(UUID.randomUUID().toString(), kind, NOW, value, 84);
    Observation observation = (Observation) EntryMapping.reading(reading, SUBJECT).target();

    assertThat(observation.getMeta().getProfile().get(0).getValue()).isEqualTo(kind.profile());
    assertValid(observation);
  }

  @Test
  void bloodPressureCarriesSystolicAndDiastolicComponents() {
    Observation bp = (Observation) EntryMapping.reading(Reading.of(UUID.randomUUID().toString(),
        ReadingKind.BLOOD_PRESSURE, NOW, 184, 112), SUBJECT).target();

    assertThat(bp.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode())
        .containsExactly("8480-6", "8462-4");
    assertThat(bp.getComponent().get(1).getValueQuantity().getValue().intValue()).isEqualTo(112);
  }

  @Test
  void adverseEventConformsWithItsNote() {
    AdverseEvent event = new AdverseEvent(UUID.randomUUID().toString(), NOW, "422400008", "Vomiting",
        "Vomited once; settled.");
    assertValid(EntryMapping.adverseEvent(event, SUBJECT).target());
  }

  @ParameterizedTest
  @EnumSource(AdverseEventCode.class)
  void everyAdverseEventTheProtocolNamesIsAcceptedAndConforms(AdverseEventCode code) {
    EntryRequest.Window window = EntryRequest.Window.of(Optional.of(NOW), NOW.plusSeconds(600), ZoneOffset.UTC);
    AdverseEvent event = EntryRequest.adverseEvent(JsonParser.parseString("{\"id\":\"" + UUID.randomUUID()
        + "\",\"effective\":\"2026-11-20T14:05:00Z\",\"code\":\"" + code.code().code()
        + "\",\"text\":\"Settled after the protocol's response.\"}").getAsJsonObject(), window);
    Observation observation = (Observation) EntryMapping.adverseEvent(event, SUBJECT).target();

    assertThat(event.display()).isEqualTo(code.label());
    Coding coding = observation.getValueCodeableConcept().getCodingFirstRep();
    assertThat(List.of(coding.getSystem(), coding.getCode(), coding.getDisplay())).containsExactly(
        code.code().system(), code.code().code(), code.code().display());
    assertValid(observation);
  }

  @Test
  void anAdverseEventOutsideTheTableIsRefused() {
    EntryRequest.Window window = EntryRequest.Window.of(Optional.of(NOW), NOW.plusSeconds(600), ZoneOffset.UTC);
    assertThatThrownBy(() -> EntryRequest.adverseEvent(JsonParser.parseString("{\"id\":\"" + UUID.randomUUID()
        + "\",\"effective\":\"2026-11-20T14:05:00Z\",\"code\":\"271807003\",\"text\":\"Rash\"}")
        .getAsJsonObject(), window)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void alertBecomesAFlagWhoseEntryIdIsTheSameForTheSameEpisode() {
    Alert alert = new Alert(AlertCode.BP_HIGH, NOW, "BP 184/112, 186/114", true);
    Entry first = EntryMapping.flag(alert, SESSION, SUBJECT);
    Entry again = EntryMapping.flag(new Alert(AlertCode.BP_HIGH, NOW, "BP 184/112, 186/114, 190/115", true),
        SESSION, SUBJECT);

    assertThat(again.entryId()).isEqualTo(first.entryId());
    assertThat(EntryMapping.flag(new Alert(AlertCode.BP_HIGH, NOW.plusSeconds(60), "x", true), SESSION, SUBJECT)
        .entryId()).isNotEqualTo(first.entryId());
    assertValid(first.target());
  }

  private static void assertValid(Resource resource) {
    ValidationResult result = SharedValidator.VALIDATOR.validate(resource);
    assertThat(result.isValid()).as(result.toString()).isTrue();
  }
}
