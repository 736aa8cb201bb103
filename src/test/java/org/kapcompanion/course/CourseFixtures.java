package org.kapcompanion.course;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.kapcompanion.config.CourseRules;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.vocabulary.Code;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.OutcomeScore;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.RecordVital;
import org.kapcompanion.vocabulary.Route;
import org.kapcompanion.vocabulary.Systems;

/** Course inputs as the EHR holds them, and sessions as the course sees them, for the course's table tests. */
final class CourseFixtures {

  static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
  static final CourseRules RULES = CourseRules.defaults();

  private CourseFixtures() {}

  /** A session on {@code daysAgo} days before today with a dose of {@code mg} of {@code drug} by {@code route}. */
  static CourseSession session(int daysAgo, int mg, Drug drug, Route route) {
    LocalDate date = TODAY.minusDays(daysAgo);
    Dose dose = new Dose("", drug, BigDecimal.valueOf(mg), route, "", date.atTime(10, 0).atZone(ZONE).toInstant());
    return new CourseSession("enc-" + daysAgo, date, List.of(dose), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of(), List.of());
  }

  static CourseSession ketamine(int daysAgo, int mg) {
    return session(daysAgo, mg, Drug.KETAMINE, Route.SUBLINGUAL);
  }

  static Date at(LocalDate day, int hour) {
    return Date.from(day.atTime(hour, 0).atZone(ZONE).toInstant());
  }

  static MedicationAdministration administration(String encounter, LocalDate day, String mg, Drug drug,
      Route route) {
    MedicationAdministration given = new MedicationAdministration();
    given.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
    given.setMedication(new CodeableConcept(coding(drug.code())));
    if (encounter != null) {
      given.setContext(new Reference("Encounter/" + encounter));
    }
    given.setEffective(new DateTimeType(at(day, 10)));
    given.getDosage().setRoute(new CodeableConcept(coding(route.code())))
        .setDose(new Quantity().setValue(new BigDecimal(mg)).setUnit("mg").setSystem(Systems.UCUM).setCode("mg"));
    return given;
  }

  static Encounter dosingEncounter(String id, LocalDate day) {
    Encounter encounter = new Encounter();
    encounter.setId(id);
    encounter.addType(new CodeableConcept(new Coding(KapUrls.SESSION_TYPES, "dosing-session", "KAP dosing session")));
    encounter.setPeriod(new Period().setStart(at(day, 9)).setEnd(at(day, 12)));
    return encounter;
  }

  static Observation scale(String encounter, LocalDate day, int hour, ReadingKind kind, int value) {
    Observation observation = observation(kind.codes().get(0), day, hour).setValue(new IntegerType(value));
    return observation.setEncounter(new Reference("Encounter/" + encounter));
  }

  static Observation bloodPressure(String encounter, LocalDate day, int hour, int systolic, int diastolic) {
    Observation observation = observation(ReadingKind.BLOOD_PRESSURE.codes().get(0), day, hour);
    observation.addComponent().setCode(new CodeableConcept(coding(ReadingKind.SYSTOLIC)))
        .setValue(new Quantity().setValue(systolic).setUnit("mmHg").setSystem(Systems.UCUM).setCode("mm[Hg]"));
    observation.addComponent().setCode(new CodeableConcept(coding(ReadingKind.DIASTOLIC)))
        .setValue(new Quantity().setValue(diastolic).setUnit("mmHg").setSystem(Systems.UCUM).setCode("mm[Hg]"));
    return observation.setEncounter(new Reference("Encounter/" + encounter));
  }

  static Observation weight(LocalDate day, String value, String ucum) {
    return observation(RecordVital.WEIGHT.codes().get(0), day, 8)
        .setValue(new Quantity().setValue(new BigDecimal(value)).setSystem(Systems.UCUM).setCode(ucum));
  }

  static Observation score(OutcomeScore scale, LocalDate day, int value) {
    return observation(scale.code(), day, 9).setValue(new IntegerType(value));
  }

  static Flag alert(String encounter, LocalDate day, String code, String display) {
    Flag flag = new Flag();
    flag.setStatus(Flag.FlagStatus.INACTIVE);
    flag.setCode(new CodeableConcept(new Coding(KapUrls.ALERT_CODES, code, display)));
    flag.setPeriod(new Period().setStart(at(day, 11)));
    flag.setEncounter(new Reference("Encounter/" + encounter));
    return flag;
  }

  static Condition condition(String snomed, String display, String clinicalStatus) {
    Condition condition = new Condition();
    condition.setCode(new CodeableConcept(new Coding(Systems.SNOMED, snomed, display)));
    condition.setClinicalStatus(new CodeableConcept(new Coding(
        "http://terminology.hl7.org/CodeSystem/condition-clinical", clinicalStatus, null)));
    return condition;
  }

  private static Observation observation(Code code, LocalDate day, int hour) {
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.setCode(new CodeableConcept(coding(code)));
    observation.setEffective(new DateTimeType(at(day, hour)));
    return observation;
  }

  private static Coding coding(Code code) {
    return new Coding(code.system(), code.code(), code.display());
  }
}
