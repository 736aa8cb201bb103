package org.kapcompanion.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kapcompanion.course.CourseFixtures.TODAY;
import static org.kapcompanion.course.CourseFixtures.ZONE;
import static org.kapcompanion.course.CourseFixtures.administration;
import static org.kapcompanion.course.CourseFixtures.alert;
import static org.kapcompanion.course.CourseFixtures.bloodPressure;
import static org.kapcompanion.course.CourseFixtures.dosingEncounter;
import static org.kapcompanion.course.CourseFixtures.scale;
import static org.kapcompanion.course.CourseFixtures.weight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.record.Section;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.Route;
import org.kapcompanion.vocabulary.Systems;

/** Sessions built from the EHR's doses, Encounters, observations and Flags. */
class CourseSessionsTest {

  private static final LocalDate DAY = TODAY.minusDays(5);

  @Test
  void aSessionCarriesItsDoseMgPerKgLowestSedationPeakDissociationHighestBloodPressureEventsAndAlerts() {
    List<Resource> observations = List.of(weight(DAY.minusDays(30), "90", "kg"), weight(DAY, "80", "kg"),
        weight(DAY.plusDays(1), "70", "kg"),
        scale("s1", DAY, 10, ReadingKind.MOAAS, 4), scale("s1", DAY, 11, ReadingKind.MOAAS, 3),
        scale("s1", DAY, 10, ReadingKind.DISSOCIATION, 3), scale("s1", DAY, 11, ReadingKind.DISSOCIATION, 1),
        bloodPressure("s1", DAY, 10, 150, 92), bloodPressure("s1", DAY, 11, 132, 96));
    CourseSessions.Built built = CourseSessions.build(
        List.of(administration("s1", DAY, "50", Drug.KETAMINE, Route.IM)), List.of(dosingEncounter("s1", DAY)),
        observations, List.of(alert("s1", DAY, "bp-high", "Blood pressure above threshold")), ZONE);
    assertThat(built.unreadableDoses()).isZero();
    CourseSession session = built.sessions().get(0);
    assertThat(session.date()).isEqualTo(DAY);
    assertThat(session.milligrams()).isEqualTo("50");
    assertThat(session.weightKg()).contains(new BigDecimal("80"));
    assertThat(session.perKgShown()).isEqualTo("0.63");
    assertThat(session.routeShown()).isEqualTo("IM");
    assertThat(session.lowestMoaas()).contains(3);
    assertThat(session.peakDissociation()).contains(3);
    assertThat(session.highestBloodPressure().orElseThrow().shown()).isEqualTo("150/92");
    assertThat(session.alerts()).containsExactly("Blood pressure above threshold");
  }

  @Test
  void aSecondDoseInASessionIsPartOfItsDoseAndOfTheCumulativeTotal() {
    MedicationAdministration topUp = administration("s1", DAY, "40", Drug.KETAMINE, Route.IM);
    topUp.setEffective(new DateTimeType(CourseFixtures.at(DAY, 11)));
    CourseSessions.Built built = CourseSessions.build(List.of(administration("s1", DAY, "32", Drug.KETAMINE,
        Route.IM), topUp), List.of(dosingEncounter("s1", DAY)), List.of(weight(DAY, "80", "kg")), List.of(), ZONE);

    CourseSession session = built.sessions().get(0);
    assertThat(built.sessions()).hasSize(1);
    assertThat(session.milligrams()).isEqualTo("72 (32 + 40)");
    assertThat(session.perKgShown()).isEqualTo("0.90");
    assertThat(CourseSignals.watch(Section.loaded(built.sessions()), 0, Section.loaded(List.of()),
        CourseFixtures.RULES, TODAY)).filteredOn(item -> item.check().equals(CourseSignals.WINDOW_30))
        .extracting(WatchItem::finding).singleElement().asString().startsWith("72 mg since ");
  }

  @Test
  void weightInPoundsIsConvertedAndAWeightRecordedOnlyAfterTheSessionIsNotUsed() {
    CourseSessions.Built pounds = CourseSessions.build(List.of(administration("s1", DAY, "100", Drug.KETAMINE,
        Route.IM)), List.of(), List.of(weight(DAY.minusDays(1), "200", "[lb_av]")), List.of(), ZONE);
    assertThat(pounds.sessions().get(0).perKgShown()).isEqualTo("1.10");
    CourseSessions.Built later = CourseSessions.build(List.of(administration("s1", DAY, "100", Drug.KETAMINE,
        Route.IM)), List.of(), List.of(weight(DAY.plusDays(1), "80", "kg")), List.of(), ZONE);
    assertThat(later.sessions().get(0).perKgShown()).isEqualTo("—");
  }

  @Test
  void anEncounterWithoutADoseIsASessionAndADoseWithoutAnEncounterIsOneToo() {
    CourseSessions.Built built = CourseSessions.build(List.of(administration(null, DAY, "200", Drug.KETAMINE,
        Route.SUBLINGUAL)), List.of(dosingEncounter("s0", DAY.minusDays(3))), List.of(), List.of(), ZONE);
    assertThat(built.sessions()).extracting(CourseSession::date).containsExactly(DAY.minusDays(3), DAY);
    assertThat(built.sessions().get(0).drugShown()).isEqualTo("No dose recorded");
    assertThat(built.sessions().get(1).milligrams()).isEqualTo("200");
  }

  @Test
  void aKetamineAdministrationThatCannotBeReadIsCountedAndOtherMedicationsAreLeftOut() {
    MedicationAdministration noRoute = administration("s1", DAY, "50", Drug.KETAMINE, Route.IM);
    noRoute.getDosage().setRoute(null);
    MedicationAdministration byText = new MedicationAdministration();
    byText.setMedication(new CodeableConcept().setText("Ketamine 100 mg troche"));
    MedicationAdministration ondansetron = administration("s1", DAY, "4", Drug.KETAMINE, Route.ORAL);
    ondansetron.setMedication(new CodeableConcept(new Coding(Systems.RXNORM, "26225", "ondansetron")));
    CourseSessions.Built built = CourseSessions.build(List.of(noRoute, byText, ondansetron), List.of(), List.of(),
        List.of(), ZONE);
    assertThat(built.unreadableDoses()).isEqualTo(2);
    assertThat(built.sessions()).isEmpty();
  }
}
