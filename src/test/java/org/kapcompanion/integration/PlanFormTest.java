package org.kapcompanion.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the submitted plan form. */
class PlanFormTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-11-20");

  private static Map<String, List<String>> fields(String... pairs) {
    Map<String, List<String>> fields = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return fields;
  }

  @Test
  void filledFormBecomesThePlanWithTheVersionItEdits() {
    PlanForm.Parsed parsed = PlanForm.parse(fields(
        "goal.0.intention", "To rest", "goal.0.insight", "Tired of performing", "goal.0.text", "Sleep by 11",
        "goal.0.target", "2026-12-01", "goal.0.ref", "Goal/7", "goal.0.version", "2", "goal.0.entry", "g-entry",
        "goal.1.text", "", "goal.1.target", "2026-12-01",
        "practice", "Journaling", "practice-other", "Forest walks, pottery",
        "themes", "Grief", "support", "Sister",
        "followup.0.label", "24h", "followup.0.date", "2026-11-21", "followup.0.keep", "on",
        "followup.1.label", "1w", "followup.1.date", "2026-11-27",
        "measure.PHQ9", "on", "measure.PHQ9.date", "2026-12-04", "measure.GAD7.date", "2026-12-04",
        "plan.ref", "CarePlan/5", "plan.version", "3", "plan.entry", "p-entry",
        "crisis", "ignored"), "Clinic: 1; crisis line: 988", TODAY, Map.of("Goal/7", "g-entry", "CarePlan/5",
        "p-entry"));

    assertThat(parsed.problems()).isEmpty();
    IntegrationPlan plan = parsed.plan();
    assertThat(plan.goals()).containsExactly(new IntegrationPlan.GoalLine("To rest", "Tired of performing",
        "Sleep by 11", Optional.of(LocalDate.parse("2026-12-01")),
        Optional.of(new IntegrationPlan.Existing("Goal/7", Optional.of("2"), "g-entry"))));
    assertThat(plan.practices()).containsExactly("Journaling", "Forest walks", "pottery");
    assertThat(plan.followUps()).containsExactly(new IntegrationPlan.FollowUpVisit("24h", LocalDate.parse("2026-11-21")));
    assertThat(plan.measures()).containsExactly(new IntegrationPlan.Remeasure(OutcomeMeasure.PHQ9,
        LocalDate.parse("2026-12-04")));
    assertThat(plan.crisisContacts()).isEqualTo("Clinic: 1; crisis line: 988");
    assertThat(parsed.existingPlan()).contains(new IntegrationPlan.Existing("CarePlan/5", Optional.of("3"), "p-entry"));
  }

  @Test
  void datesOutsideFiveYearsBackToTenYearsAheadOrNotRealDaysAreProblems() {
    PlanForm.Parsed parsed = PlanForm.parse(fields("goal.0.text", "Sleep by 11", "goal.0.target", "+10000-01-01",
        "goal.1.text", "Walk daily", "goal.1.target", "2024-02-30",
        "followup.0.label", "24h", "followup.0.date", "+999999999-12-31", "followup.0.keep", "on",
        "measure.PHQ9", "on", "measure.PHQ9.date", "2021-11-19"), "", TODAY, Map.of());

    assertThat(parsed.problems()).containsOnlyKeys("goal.0.target", "goal.1.target", "followup.0.date",
        "measure.PHQ9.date");
    assertThat(PlanForm.parse(fields("goal.0.text", "Sleep", "goal.0.target", "2036-11-20"), "", TODAY, Map.of())
        .problems()).isEmpty();
  }

  @Test
  void everyTextIsWithinItsLength() {
    PlanForm.Parsed parsed = PlanForm.parse(fields("goal.0.text", "g".repeat(201), "goal.0.target", "2026-12-01",
        "themes", "t".repeat(4_001), "support", "s".repeat(4_001), "practice", "p".repeat(201),
        "followup.0.label", "l".repeat(201), "followup.0.date", "2026-12-01"), "", TODAY, Map.of());

    assertThat(parsed.problems()).containsOnlyKeys("goal.0.text", "themes", "support", "practice",
        "followup.0.label");
  }

  @Test
  void planOrGoalTheAppDidNotReadForThisPlanIsNotEdited() {
    PlanForm.Parsed parsed = PlanForm.parse(fields("plan.ref", "CarePlan/other-patient", "plan.entry", "p-entry",
        "goal.0.text", "Sleep", "goal.0.target", "2026-12-01", "goal.0.ref", "Goal/7", "goal.0.entry", "forged"),
        "", TODAY, Map.of("Goal/7", "g-entry", "CarePlan/5", "p-entry"));

    assertThat(parsed.problems()).containsOnlyKeys("plan.ref", "goal.0.ref");
    assertThat(parsed.existingPlan()).isEmpty();
  }

  @Test
  void goalWithoutTargetDateAndUnreadableDatesAreProblems() {
    PlanForm.Parsed parsed = PlanForm.parse(fields("goal.0.text", "Sleep by 11", "goal.0.target", "",
        "measure.PCL5", "on", "measure.PCL5.date", "soon"), "", TODAY, Map.of());

    assertThat(parsed.problems()).containsOnlyKeys("goal.0.target", "measure.PCL5.date");
    assertThat(parsed.existingPlan()).isEmpty();
  }
}
