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
        "crisis", "ignored"), "Clinic: 1; crisis line: 988");

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
  void goalWithoutTargetDateAndUnreadableDatesAreProblems() {
    PlanForm.Parsed parsed = PlanForm.parse(fields("goal.0.text", "Sleep by 11", "goal.0.target", "",
        "measure.PCL5", "on", "measure.PCL5.date", "soon"), "");

    assertThat(parsed.problems()).containsOnlyKeys("goal.0.target", "measure.PCL5.date");
    assertThat(parsed.existingPlan()).isEmpty();
  }
}
