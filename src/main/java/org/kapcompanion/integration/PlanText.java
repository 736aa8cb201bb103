package org.kapcompanion.integration;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan as readable text (Markdown that reads as plain text): the narrative of the CarePlan, the body of the
 * DocumentReference written where the EHR takes no CarePlan, and each side of a conflict.
 */
final class PlanText {

  private PlanText() {}

  /** The plan's lines, headings first in each section. */
  static List<String> lines(IntegrationPlan plan, LocalDate sessionDate) {
    List<String> lines = new ArrayList<>();
    lines.add("# Integration plan after the session of " + sessionDate);
    section(lines, "Goals", plan.goals().stream().map(g -> g.goal()
        + g.target().map(d -> " (by " + d + ")").orElse("")
        + (g.intention().isBlank() ? "" : " — from the intention: " + g.intention())
        + (g.insight().isBlank() ? "" : " — insight: " + g.insight())).toList());
    section(lines, "Themes and insights", nonBlank(plan.themes()));
    section(lines, "Practices", plan.practices());
    section(lines, "Support network", nonBlank(plan.supportNetwork()));
    section(lines, "Follow-up", plan.followUps().stream().map(f -> f.label() + ": " + f.date()).toList());
    section(lines, "Outcome re-measurement", plan.measures().stream()
        .map(m -> m.measure().label() + ": " + m.date()).toList());
    section(lines, "Crisis contacts", nonBlank(plan.crisisContacts()));
    return lines;
  }

  /** The whole plan as one text. */
  static String of(IntegrationPlan plan, LocalDate sessionDate) {
    return String.join("\n", lines(plan, sessionDate)) + "\n";
  }

  private static void section(List<String> lines, String heading, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    lines.add("");
    lines.add("## " + heading);
    items.forEach(item -> lines.add("- " + item));
  }

  private static List<String> nonBlank(String text) {
    return text.isBlank() ? List.of() : List.of(text.strip());
  }
}
