package org.kapcompanion.integration;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kapcompanion.web.StrictValue;

/**
 * Pure parsing of the submitted plan form into the plan (crisis contacts always from the clinic's protocol, never
 * from the form) and the CarePlan it edits, with a problem per field that cannot be read: each text within its
 * length, each date a real day from 5 years back to 10 years ahead, and the plan and goals it edits only those the
 * app read for this patient's plan.
 */
final class PlanForm {

  /** The longest goal, practice or follow-up label. */
  static final int LONGEST_LINE = 200;
  /** The longest free text: themes, support network, a goal's intention or insight, other practices. */
  static final int LONGEST_TEXT = 4_000;
  /** The most goals and follow-ups a plan holds. */
  static final int MOST_LINES = 50;
  static final int YEARS_BACK = 5;
  static final int YEARS_AHEAD = 10;

  private PlanForm() {}

  /**
   * The form as read.
   *
   * @param plan the plan
   * @param existingPlan the CarePlan the form edits, empty for a new plan
   * @param problems field name → what is wrong and how to fix it
   */
  record Parsed(IntegrationPlan plan, Optional<IntegrationPlan.Existing> existingPlan, Map<String, String> problems) {}

  /**
   * Reads the form.
   *
   * @param today the clinic's date, around which dates are accepted
   * @param known the plan and goals the app read for this patient's plan: reference → the entry id they carry; a
   *     form may edit only these
   */
  static Parsed parse(Map<String, List<String>> fields, String crisisContacts, LocalDate today,
      Map<String, String> known) {
    Form form = new Form(fields, new LinkedHashMap<>(), today, known);
    List<IntegrationPlan.GoalLine> goals = new ArrayList<>();
    for (int i = 0; fields.containsKey("goal." + i + ".text"); i++) {
      String prefix = "goal." + i + ".";
      String text = form.text(prefix + "text", "Goal " + (i + 1), LONGEST_LINE);
      if (text.isBlank() || form.tooMany(i, "goal.0.text", "goals")) {
        continue;
      }
      Optional<LocalDate> target = form.date(prefix + "target", "Goal \"" + text + "\": the target date");
      if (target.isEmpty()) {
        form.problems().putIfAbsent(prefix + "target", "Goal \"" + text + "\": give a target date");
      }
      goals.add(new IntegrationPlan.GoalLine(form.text(prefix + "intention", "The intention", LONGEST_TEXT),
          form.text(prefix + "insight", "The insight", LONGEST_TEXT), text, target, form.existing(prefix)));
    }
    List<String> practices = new ArrayList<>();
    fields.getOrDefault("practice", List.of()).forEach(practice -> form.line("practice", "A practice", practice)
        .ifPresent(practices::add));
    for (String other : form.text("practice-other", "Other practices", LONGEST_TEXT).split("[,;\\n]+")) {
      form.line("practice-other", "Each other practice", other).ifPresent(practices::add);
    }
    List<IntegrationPlan.FollowUpVisit> followUps = new ArrayList<>();
    for (int i = 0; fields.containsKey("followup." + i + ".label"); i++) {
      String prefix = "followup." + i + ".";
      if (form.tooMany(i, "followup.0.label", "follow-ups")) {
        continue;
      }
      String label = form.text(prefix + "label", "A follow-up's label", LONGEST_LINE);
      Optional<LocalDate> date = form.date(prefix + "date", "The follow-up date");
      if (fields.containsKey(prefix + "keep") && date.isPresent()) {
        followUps.add(new IntegrationPlan.FollowUpVisit(label, date.get()));
      }
    }
    Map<String, String> problems = form.problems();
    List<IntegrationPlan.Remeasure> measures = new ArrayList<>();
    for (OutcomeMeasure measure : OutcomeMeasure.values()) {
      String prefix = "measure." + measure.name();
      Optional<LocalDate> date = form.date(prefix + ".date", measure.label() + ": the date");
      if (fields.containsKey(prefix) && date.isPresent()) {
        measures.add(new IntegrationPlan.Remeasure(measure, date.get()));
      } else if (fields.containsKey(prefix) && !problems.containsKey(prefix + ".date")) {
        problems.put(prefix + ".date", measure.label() + ": give the date to administer it again");
      }
    }
    IntegrationPlan plan = new IntegrationPlan(goals, practices,
        form.text("themes", "Themes and insights", LONGEST_TEXT), form.text("support", "Support network",
        LONGEST_TEXT), followUps, measures, crisisContacts);
    return new Parsed(plan, form.existing("plan."), problems);
  }

  /** The submitted fields being read, and the problems found so far. */
  private record Form(Map<String, List<String>> fields, Map<String, String> problems, LocalDate today,
      Map<String, String> known) {

    String text(String name, String label, int longest) {
      StrictValue<String> text = StrictValue.text(name, label, one(fields, name), longest, false);
      text.invalid().ifPresent(invalid -> problems.putIfAbsent(name, invalid.message()));
      return text.value().orElse("");
    }

    Optional<String> line(String name, String label, String value) {
      StrictValue<String> line = StrictValue.text(name, label, value, LONGEST_LINE, false);
      line.invalid().ifPresent(invalid -> problems.putIfAbsent(name, invalid.message()));
      return line.value().filter(text -> !text.isEmpty());
    }

    Optional<LocalDate> date(String name, String label) {
      if (one(fields, name).isBlank()) {
        return Optional.empty();
      }
      StrictValue<LocalDate> date = StrictValue.date(name, label, one(fields, name),
          today.minusYears(YEARS_BACK), today.plusYears(YEARS_AHEAD));
      date.invalid().ifPresent(invalid -> problems.putIfAbsent(name, invalid.message()));
      return date.value();
    }

    boolean tooMany(int index, String field, String what) {
      if (index < MOST_LINES) {
        return false;
      }
      problems.putIfAbsent(field, "A plan holds at most " + MOST_LINES + " " + what + ".");
      return true;
    }

    /**
     * The plan or goal the form edits, when it names one: only a reference the app read for this plan, carrying the
     * entry id it was read with.
     */
    Optional<IntegrationPlan.Existing> existing(String prefix) {
      String reference = one(fields, prefix + "ref").strip();
      String entryId = one(fields, prefix + "entry").strip();
      if (reference.isEmpty()) {
        return Optional.empty();
      }
      if (!known.containsKey(reference) || !known.get(reference).equals(entryId)) {
        problems.putIfAbsent(prefix + "ref", "This form edits a plan or goal KAP Companion did not read for this "
            + "patient's plan: reload the page and make the changes again.");
        return Optional.empty();
      }
      String version = text(prefix + "version", "The version", 64);
      return Optional.of(new IntegrationPlan.Existing(reference, version.isBlank() ? Optional.empty()
          : Optional.of(version), entryId));
    }
  }

  private static String one(Map<String, List<String>> fields, String name) {
    List<String> values = fields.getOrDefault(name, List.of());
    return values.isEmpty() || values.get(0) == null ? "" : values.get(0);
  }
}
