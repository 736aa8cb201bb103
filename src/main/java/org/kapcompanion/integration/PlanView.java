package org.kapcompanion.integration;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the plan page shows: the plan in form fields, the version it edits, the practices to choose from, and the
 * entries of the last save whose sync state the page follows.
 */
public record PlanView(IntegrationPlan plan, Optional<IntegrationPlan.Existing> existing, LocalDate sessionDate,
    boolean hasEncounter, boolean waiting, String entryId, Map<String, String> problems, List<String> saved,
    int remeasureEveryDays) {

  static PlanView of(IntegrationPlan plan, Optional<IntegrationPlan.Existing> existing, PlanReader.Start start,
      String entryId, Map<String, String> problems, List<String> saved, int remeasureEveryDays) {
    return new PlanView(plan, existing, start.sessionDate(), start.encounter().isPresent(), start.waiting(), entryId,
        Map.copyOf(problems), List.copyOf(saved), remeasureEveryDays);
  }

  /** One goal line of the form; {@code index} names its fields. */
  public record GoalRow(int index, String intention, String insight, String goal, String target, String reference,
      String version, String entryId) {}

  /** One outcome measure row: its name and range, whether it is scheduled, and when. */
  public record MeasureRow(String name, String label, boolean checked, String date) {}

  /** One follow-up row. */
  public record FollowUpRow(int index, String label, String date) {}

  public List<GoalRow> goalRows() {
    List<GoalRow> rows = new ArrayList<>();
    for (IntegrationPlan.GoalLine line : plan.goals()) {
      rows.add(row(rows.size(), line));
    }
    rows.add(row(rows.size(), new IntegrationPlan.GoalLine("", "", "", Optional.of(sessionDate.plusWeeks(4)),
        Optional.empty())));
    return rows;
  }

  private static GoalRow row(int index, IntegrationPlan.GoalLine line) {
    return new GoalRow(index, line.intention(), line.insight(), line.goal(),
        line.target().map(LocalDate::toString).orElse(""),
        line.existing().map(IntegrationPlan.Existing::reference).orElse(""),
        line.existing().flatMap(IntegrationPlan.Existing::version).orElse(""),
        line.existing().map(IntegrationPlan.Existing::entryId).orElse(""));
  }

  public List<String> practiceChoices() {
    return PlanDefaults.PRACTICES;
  }

  public boolean practiceChosen(String practice) {
    return plan.practices().contains(practice);
  }

  /** Practices outside the offered choices, comma-separated for the "other" field. */
  public String otherPractices() {
    return String.join(", ", plan.practices().stream().filter(p -> !PlanDefaults.PRACTICES.contains(p)).toList());
  }

  public List<FollowUpRow> followUpRows() {
    List<FollowUpRow> rows = new ArrayList<>();
    plan.followUps().forEach(f -> rows.add(new FollowUpRow(rows.size(), f.label(), f.date().toString())));
    return rows;
  }

  public List<MeasureRow> measureRows() {
    List<MeasureRow> rows = new ArrayList<>();
    for (OutcomeMeasure measure : OutcomeMeasure.values()) {
      Optional<IntegrationPlan.Remeasure> scheduled = plan.measures().stream()
          .filter(m -> m.measure() == measure).findFirst();
      rows.add(new MeasureRow(measure.name(), measure.shown(), scheduled.isPresent(),
          scheduled.map(m -> m.date()).orElse(sessionDate.plusDays(remeasureEveryDays)).toString()));
    }
    return rows;
  }

  public String planReference() {
    return existing.map(IntegrationPlan.Existing::reference).orElse("");
  }

  public String planVersion() {
    return existing.flatMap(IntegrationPlan.Existing::version).orElse("");
  }

  public String planEntryId() {
    return existing.map(IntegrationPlan.Existing::entryId).orElse("");
  }

  public String savedList() {
    return String.join(",", saved);
  }

  public String themes() {
    return plan.themes();
  }

  public String supportNetwork() {
    return plan.supportNetwork();
  }

  public String crisisContacts() {
    return plan.crisisContacts();
  }

  public String problem(String field) {
    return problems.getOrDefault(field, "");
  }
}
