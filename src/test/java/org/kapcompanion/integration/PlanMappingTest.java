package org.kapcompanion.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.config.CourseRules;
import org.kapcompanion.writeback.EntryIdentity;
import org.kapcompanion.writeback.SharedValidator;
import org.kapcompanion.writeback.ValidationResult;

/** The integration plan as CarePlan, Goals and document, valid against their profiles, and back again. */
class PlanMappingTest {

  private static final LocalDate SESSION = LocalDate.parse("2026-11-20");
  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  private static final String ENTRY = "6b1a3f1e-0c55-4c1c-9a57-2a3a2f0f4e11";
  private static final PlanMapping.Context CONTEXT = new PlanMapping.Context("kap-pt-01",
      Optional.of("Practitioner/kap-therapist-1"), Optional.of("Encounter/kap-pt-01-dose-01"), SESSION,
      Instant.parse("2026-11-20T22:00:00Z"));
  private static final ClinicalProtocol.Clinic CLINIC = new ClinicalProtocol.Clinic("Example Clinic", "+1 555 0100",
      "988");

  private static IntegrationPlan plan() {
    IntegrationPlan defaults = PlanDefaults.of(Optional.of("To feel something again; to stop believing I am a burden"),
        Optional.empty(), false, protocol(), SESSION, ZONE);
    List<IntegrationPlan.GoalLine> goals = List.of(
        new IntegrationPlan.GoalLine("To feel something again", "Tears came when the music changed",
            "Notice one feeling each evening and write it down", Optional.of(SESSION.plusWeeks(4)), Optional.empty()),
        new IntegrationPlan.GoalLine("", "", "Call my sister weekly", Optional.of(SESSION.plusWeeks(2)),
            Optional.empty()));
    return new IntegrationPlan(goals, List.of("Journaling", "Forest walks"), "Grief for my father",
        "Daniel (partner); sister", defaults.followUps(), defaults.measures(), defaults.crisisContacts());
  }

  private static ClinicalProtocol protocol() {
    return new ClinicalProtocol(List.of(), List.of(), new ClinicalProtocol.BloodPressure(140, 90), null, null, null,
        List.of(new ClinicalProtocol.FollowUp("24h", 24, ChronoUnit.HOURS),
            new ClinicalProtocol.FollowUp("1w", 1, ChronoUnit.WEEKS),
            new ClinicalProtocol.FollowUp("3m", 3, ChronoUnit.MONTHS)), CLINIC, "");
  }

  @Test
  void newPlanWritesAValidCarePlanGoalsAndDocument() {
    PlanMapping.Written written = PlanMapping.toResources(plan(), CONTEXT, ENTRY, Optional.empty());

    assertValid(written.plan());
    written.goals().forEach(g -> assertValid(g.goal()));
    assertValid(written.document());
    assertThat(written.plan().getIdentifierFirstRep().getValue()).isEqualTo(ENTRY);
    assertThat(written.plan().getGoal()).extracting(r -> r.getReference())
        .containsExactly(EntryIdentity.reference(written.goals().get(0).entryId()).getReference(),
            EntryIdentity.reference(written.goals().get(1).entryId()).getReference());
    assertThat(written.plan().getEncounter().getReference()).isEqualTo("Encounter/kap-pt-01-dose-01");
    assertThat(written.document().getIdentifierFirstRep().getValue()).isEqualTo(ENTRY);
  }

  @Test
  void repeatedSaveMakesTheSameGoalEntries() {
    List<String> first = PlanMapping.toResources(plan(), CONTEXT, ENTRY, Optional.empty()).goals().stream()
        .map(PlanMapping.WrittenGoal::entryId).toList();
    List<String> again = PlanMapping.toResources(plan(), CONTEXT, ENTRY, Optional.empty()).goals().stream()
        .map(PlanMapping.WrittenGoal::entryId).toList();

    assertThat(again).isEqualTo(first).doesNotHaveDuplicates();
  }

  @Test
  void followUpsAreDatedFromTheSessionByTheClinicsSchedule() {
    IntegrationPlan defaults = PlanDefaults.of(Optional.empty(), Optional.empty(), false, protocol(), SESSION, ZONE);

    assertThat(defaults.followUps()).extracting(IntegrationPlan.FollowUpVisit::date)
        .containsExactly(LocalDate.parse("2026-11-21"), LocalDate.parse("2026-11-27"), LocalDate.parse("2027-02-20"));
    assertThat(defaults.crisisContacts()).isEqualTo("Example Clinic: +1 555 0100; crisis line: 988");
  }

  @Test
  void intentionsFromPreparationBecomeOneGoalLineEach() {
    IntegrationPlan defaults = PlanDefaults.of(Optional.of("To feel again;\nTo rest"), Optional.empty(), false,
        protocol(), SESSION, ZONE);

    assertThat(defaults.goals()).extracting(IntegrationPlan.GoalLine::intention)
        .containsExactly("To feel again", "To rest");
  }

  @Test
  void theSupportPersonIsCarriedIntoThePlanAndPtsdAddsPcl5() {
    IntegrationPlan withPtsd = PlanDefaults.of(Optional.empty(), Optional.of("Sam Lee (partner) 555-0101"), true,
        protocol(), SESSION, ZONE);
    IntegrationPlan without = PlanDefaults.of(Optional.empty(), Optional.empty(), false, protocol(), SESSION, ZONE);

    assertThat(withPtsd.supportNetwork()).isEqualTo("Sam Lee (partner) 555-0101");
    assertThat(withPtsd.measures()).extracting(IntegrationPlan.Remeasure::measure)
        .containsExactly(OutcomeMeasure.PHQ9, OutcomeMeasure.GAD7, OutcomeMeasure.PCL5);
    assertThat(without.supportNetwork()).isEmpty();
    assertThat(without.measures()).extracting(IntegrationPlan.Remeasure::measure)
        .containsExactly(OutcomeMeasure.PHQ9, OutcomeMeasure.GAD7);
  }

  @Test
  void reMeasurementIsDatedByTheProtocolsInterval() {
    CourseRules d = CourseRules.defaults();
    CourseRules everyThreeWeeks = new CourseRules(
        d.inductionSessions(), d.inductionWithinDays(), d.maintenanceEveryDays(), d.minimumDaysBetweenSessions(),
        d.maximumDoseStepMg(), d.cumulativeDays30Mg(), d.cumulativeDays90Mg(), 21, d.pcl5RemissionBelow(),
        d.newCourseAfterDays(), d.substanceUseSnomedCodes(), d.substanceUseKeywords(), d.consent());
    ClinicalProtocol base = protocol();
    ClinicalProtocol protocol = new ClinicalProtocol(base.interactingMedications(), base.contraindications(),
        base.bloodPressureGate(), null, null, null, base.followUps(), CLINIC, "", everyThreeWeeks,
        ClinicalProtocol.Gates.DEFAULTS, Map.of());

    assertThat(PlanDefaults.of(Optional.empty(), Optional.empty(), true, protocol, SESSION, ZONE).measures())
        .extracting(IntegrationPlan.Remeasure::date).containsOnly(SESSION.plusDays(21));
    assertThat(PlanDefaults.of(Optional.empty(), Optional.empty(), true, protocol(), SESSION, ZONE).measures())
        .extracting(IntegrationPlan.Remeasure::date).containsOnly(SESSION.plusDays(14));
  }

  @Test
  void thePlanPageNamesEachScaleWithItsRangeAndDatesAnUnscheduledOneByTheProtocol() {
    IntegrationPlan plan = PlanDefaults.of(Optional.empty(), Optional.empty(), false, protocol(), SESSION, ZONE);
    PlanView view = new PlanView(plan, Optional.empty(), SESSION, true, false, ENTRY, Map.of(), List.of(), 21);

    assertThat(view.measureRows()).extracting(PlanView.MeasureRow::label, PlanView.MeasureRow::checked,
        PlanView.MeasureRow::date).containsExactly(
            org.assertj.core.groups.Tuple.tuple("PHQ-9 (0–27, self-report)", true, "2026-12-04"),
            org.assertj.core.groups.Tuple.tuple("GAD-7 (0–21, self-report)", true, "2026-12-04"),
            org.assertj.core.groups.Tuple.tuple("PCL-5 (0–80, self-report)", false, "2026-12-11"));
  }

  @Test
  void ptsdIsRecognisedByCodeOrNameUnlessResolvedOrRefuted() {
    record Row(String code, String text, String clinical, String verification, boolean ptsd) {}
    for (Row row : List.of(
        new Row("47505003", null, "active", "confirmed", true),
        new Row(null, "Post-traumatic stress disorder", "active", null, true),
        new Row(null, "PTSD, chronic", null, null, true),
        new Row("47505003", null, "resolved", "confirmed", false),
        new Row("47505003", null, "active", "refuted", false),
        new Row("370143000", "Major depressive disorder", "active", "confirmed", false))) {
      org.hl7.fhir.r4.model.Condition condition = new org.hl7.fhir.r4.model.Condition();
      if (row.code() != null) {
        condition.getCode().addCoding().setSystem("http://snomed.info/sct").setCode(row.code());
      }
      condition.getCode().setText(row.text());
      if (row.clinical() != null) {
        condition.getClinicalStatus().addCoding().setCode(row.clinical());
      }
      if (row.verification() != null) {
        condition.getVerificationStatus().addCoding().setCode(row.verification());
      }
      assertThat(PlanDefaults.isPtsd(condition)).as(row.toString()).isEqualTo(row.ptsd());
    }
  }

  @Test
  void planReadBackFromItsResourcesIsThePlanThatWasWritten() {
    IntegrationPlan plan = plan();
    PlanMapping.Written written = PlanMapping.toResources(plan, CONTEXT, ENTRY, Optional.empty());
    Map<String, Goal> byReference = new HashMap<>();
    written.goals().forEach(g -> byReference.put(EntryIdentity.reference(g.entryId()).getReference(), g.goal()));

    IntegrationPlan back = PlanMapping.fromResources(written.plan(), r -> Optional.ofNullable(byReference.get(r)));

    assertThat(back).isEqualTo(plan);
  }

  @Test
  void editedPlanKeepsItsIdentifierAndRefersToTheGoalsItEdits() {
    IntegrationPlan.Existing goal = new IntegrationPlan.Existing("Goal/7", Optional.of("2"), "goal-entry");
    IntegrationPlan plan = plan();
    IntegrationPlan edited = new IntegrationPlan(List.of(new IntegrationPlan.GoalLine("", "", "Rest more",
        Optional.of(SESSION.plusDays(10)), Optional.of(goal))), plan.practices(), plan.themes(),
        plan.supportNetwork(), plan.followUps(), plan.measures(), plan.crisisContacts());

    PlanMapping.Written written = PlanMapping.toResources(edited, CONTEXT, ENTRY,
        Optional.of(new IntegrationPlan.Existing("CarePlan/5", Optional.of("3"), "plan-entry")));

    assertThat(written.plan().getIdentifierFirstRep().getValue()).isEqualTo("plan-entry");
    assertThat(written.plan().getGoalFirstRep().getReference()).isEqualTo("Goal/7");
    assertThat(written.goals().get(0).goal().getIdentifierFirstRep().getValue()).isEqualTo("goal-entry");
  }

  @Test
  void documentIsTheReadablePlanWithCrisisContacts() {
    PlanMapping.Written written = PlanMapping.toResources(plan(), CONTEXT, ENTRY, Optional.empty());

    String text = new String(written.document().getContentFirstRep().getAttachment().getData(),
        StandardCharsets.UTF_8);

    assertThat(text).contains("# Integration plan after the session of 2026-11-20",
        "- Notice one feeling each evening and write it down (by 2026-12-18) — from the intention: To feel something",
        "## Practices\n- Journaling\n- Forest walks", "- 24h: 2026-11-21", "- PHQ-9: 2026-12-04",
        "- Example Clinic: +1 555 0100; crisis line: 988");
  }

  @Test
  void hostileTextStaysTextInTheNarrative() {
    IntegrationPlan plan = plan();
    IntegrationPlan hostile = new IntegrationPlan(plan.goals(), plan.practices(), "<script>alert(1)</script>",
        plan.supportNetwork(), plan.followUps(), plan.measures(), plan.crisisContacts());

    PlanMapping.Written written = PlanMapping.toResources(hostile, CONTEXT, ENTRY, Optional.empty());

    assertValid(written.plan());
    assertThat(written.plan().getText().getDivAsString()).contains("&lt;script&gt;").doesNotContain("<script>");
  }

  private static void assertValid(Resource resource) {
    ValidationResult result = SharedValidator.VALIDATOR.validate(resource);
    assertThat(result).as(() -> String.valueOf(result)).isInstanceOf(ValidationResult.Valid.class);
  }
}
