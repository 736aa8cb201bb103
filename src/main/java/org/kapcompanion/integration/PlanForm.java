package org.kapcompanion.integration;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pure parsing of the submitted plan form into the plan (crisis contacts always from the clinic's protocol, never
 * from the form) and the CarePlan it edits, with a problem per field that cannot be read.
 */
final class PlanForm {

  private PlanForm() {}

  /**
   * The form as read.
   *
   * @param plan the plan
   * @param existingPlan the CarePlan the form edits, empty for a new plan
   * @param problems field name → what is wrong and how to fix it
   */
  record Parsed(IntegrationPlan plan, Optional<IntegrationPlan.Existing> existingPlan, Map<String, String> problems) {}

  static Parsed parse(Map<String, List<String>> fields, String crisisContacts) {
    Map<String, String> problems = new LinkedHashMap<>();
    List<IntegrationPlan.GoalLine> goals = new ArrayList<>();
    for (int i = 0; fields.containsKey("goal." + i + ".text"); i++) {
      String prefix = "goal." + i + ".";
      String text = one(fields, prefix + "text");
      if (text.isBlank()) {
        continue;
      }
      Optional<LocalDate> target = date(fields, prefix + "target", problems);
      if (target.isEmpty()) {
        problems.putIfAbsent(prefix + "target", "Goal \"" + text.strip() + "\": give a target date");
      }
      goals.add(new IntegrationPlan.GoalLine(one(fields, prefix + "intention"), one(fields, prefix + "insight"),
          text.strip(), target, existing(fields, prefix)));
    }
    List<String> practices = new ArrayList<>(fields.getOrDefault("practice", List.of()));
    for (String other : one(fields, "practice-other").split("[,;\\n]+")) {
      if (!other.isBlank()) {
        practices.add(other.strip());
      }
    }
    List<IntegrationPlan.FollowUpVisit> followUps = new ArrayList<>();
    for (int i = 0; fields.containsKey("followup." + i + ".label"); i++) {
      String prefix = "followup." + i + ".";
      Optional<LocalDate> date = date(fields, prefix + "date", problems);
      if (fields.containsKey(prefix + "keep") && date.isPresent()) {
        followUps.add(new IntegrationPlan.FollowUpVisit(one(fields, prefix + "label"), date.get()));
      }
    }
    List<IntegrationPlan.Remeasure> measures = new ArrayList<>();
    for (OutcomeMeasure measure : OutcomeMeasure.values()) {
      String prefix = "measure." + measure.name();
      Optional<LocalDate> date = date(fields, prefix + ".date", problems);
      if (fields.containsKey(prefix) && date.isPresent()) {
        measures.add(new IntegrationPlan.Remeasure(measure, date.get()));
      } else if (fields.containsKey(prefix) && !problems.containsKey(prefix + ".date")) {
        problems.put(prefix + ".date", measure.label() + ": give the date to administer it again");
      }
    }
    IntegrationPlan plan = new IntegrationPlan(goals, practices, one(fields, "themes"), one(fields, "support"),
        followUps, measures, crisisContacts);
    return new Parsed(plan, existing(fields, "plan."), problems);
  }

  private static Optional<IntegrationPlan.Existing> existing(Map<String, List<String>> fields, String prefix) {
    String reference = one(fields, prefix + "ref");
    String entryId = one(fields, prefix + "entry");
    if (reference.isBlank() || entryId.isBlank()) {
      return Optional.empty();
    }
    String version = one(fields, prefix + "version");
    return Optional.of(new IntegrationPlan.Existing(reference, version.isBlank() ? Optional.empty()
        : Optional.of(version), entryId));
  }

  private static Optional<LocalDate> date(Map<String, List<String>> fields, String name,
      Map<String, String> problems) {
    String value = one(fields, name).strip();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(value));
    } catch (DateTimeParseException e) {
      problems.put(name, "the date cannot be read: use the date picker (YYYY-MM-DD)");
      return Optional.empty();
    }
  }

  private static String one(Map<String, List<String>> fields, String name) {
    List<String> values = fields.getOrDefault(name, List.of());
    return values.isEmpty() || values.get(0) == null ? "" : values.get(0);
  }
}
