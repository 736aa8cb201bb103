package org.kapcompanion.course;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.config.CourseRules;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.record.Section;
import org.kapcompanion.vocabulary.Systems;

/**
 * The dependency and misuse watch over a patient's sessions and conditions: sessions closer than the protocol
 * allows, dose steps beyond the protocol's, cumulative dose over 30 and 90 days above the limits, and a substance-use
 * condition in the record. A part that could not be read makes its checks "not read", never clear. Pure.
 */
final class CourseSignals {

  static final String NOT_READ = "Could not be read — check the chart.";
  static final String NONE_RECORDED = "None recorded in the EHR.";
  private static final List<String> CURRENT = List.of("active", "recurrence", "relapse", "remission");

  private CourseSignals() {}

  /**
   * Every check's finding, signals of a check one after another.
   *
   * @param sessions all dosing sessions, oldest first
   * @param unreadableDoses ketamine administrations that could not be read as a dose
   * @param conditions the patient's Condition resources
   */
  static List<WatchItem> watch(Section<List<CourseSession>> sessions, int unreadableDoses,
      Section<List<Resource>> conditions, CourseRules rules, LocalDate today) {
    List<WatchItem> items = new ArrayList<>();
    if (!sessions.isLoaded()) {
      for (String check : List.of(SPACING, STEP, WINDOW_30, WINDOW_90)) {
        items.add(new WatchItem(check, NOT_READ, WatchItem.State.NOT_READ));
      }
    } else {
      List<CourseSession> dosed = sessions.value().stream().filter(CourseSession::dosed).toList();
      items.addAll(spacing(dosed, rules));
      items.addAll(steps(dosed, rules));
      items.add(cumulative(WINDOW_30, dosed, unreadableDoses, 30, rules.cumulativeDays30Mg(), today));
      items.add(cumulative(WINDOW_90, dosed, unreadableDoses, 90, rules.cumulativeDays90Mg(), today));
    }
    items.addAll(substanceUse(conditions, rules));
    return items;
  }

  static final String SPACING = "Session spacing";
  static final String STEP = "Dose steps";
  static final String WINDOW_30 = "Cumulative dose, 30 days";
  static final String WINDOW_90 = "Cumulative dose, 90 days";
  static final String SUBSTANCE_USE = "Substance-use history";

  private static List<WatchItem> spacing(List<CourseSession> dosed, CourseRules rules) {
    List<WatchItem> found = new ArrayList<>();
    for (int i = 1; i < dosed.size(); i++) {
      LocalDate before = dosed.get(i - 1).date();
      LocalDate after = dosed.get(i).date();
      long days = ChronoUnit.DAYS.between(before, after);
      if (days < rules.minimumDaysBetweenSessions()) {
        found.add(new WatchItem(SPACING, "Sessions on " + before + " and " + after + " are " + days + " day"
            + (days == 1 ? "" : "s") + " apart; the protocol allows at least " + rules.minimumDaysBetweenSessions()
            + ".", WatchItem.State.SIGNAL));
      }
    }
    if (found.isEmpty()) {
      found.add(new WatchItem(SPACING, dosed.isEmpty() ? NONE_RECORDED : dosed.size() + " session"
          + (dosed.size() == 1 ? "" : "s") + " recorded, none closer than " + rules.minimumDaysBetweenSessions()
          + " days.", WatchItem.State.CLEAR));
    }
    return found;
  }

  private static List<WatchItem> steps(List<CourseSession> dosed, CourseRules rules) {
    List<WatchItem> found = new ArrayList<>();
    BigDecimal limit = BigDecimal.valueOf(rules.maximumDoseStepMg());
    for (int i = 1; i < dosed.size(); i++) {
      CourseSession before = dosed.get(i - 1);
      CourseSession after = dosed.get(i);
      boolean sameCourse = ChronoUnit.DAYS.between(before.date(), after.date()) < rules.newCourseAfterDays();
      BigDecimal step = after.totalMilligrams().subtract(before.totalMilligrams());
      if (sameCourse && before.drugShown().equals(after.drugShown())
          && before.routeShown().equals(after.routeShown()) && step.compareTo(limit) > 0) {
        found.add(new WatchItem(STEP, after.drugShown() + " " + after.routeShown() + " raised from "
            + Dose.plain(before.totalMilligrams()) + " mg to " + Dose.plain(after.totalMilligrams())
            + " mg on " + after.date() + " (+" + Dose.plain(step) + " mg); the protocol's step is at "
            + "most " + rules.maximumDoseStepMg() + " mg.", WatchItem.State.SIGNAL));
      }
    }
    if (found.isEmpty()) {
      found.add(new WatchItem(STEP, dosed.size() < 2 ? "Fewer than two doses recorded in the EHR."
          : "No step above " + rules.maximumDoseStepMg() + " mg between sessions of the same drug and route.",
          WatchItem.State.CLEAR));
    }
    return found;
  }

  private static WatchItem cumulative(String check, List<CourseSession> dosed, int unreadable, int days, int limitMg,
      LocalDate today) {
    LocalDate from = today.minusDays(days - 1L);
    BigDecimal total = dosed.stream().filter(s -> !s.date().isBefore(from) && !s.date().isAfter(today))
        .map(CourseSession::totalMilligrams).reduce(BigDecimal.ZERO, BigDecimal::add);
    String amount = Dose.plain(total) + " mg since " + from + " (limit " + limitMg + " mg)";
    if (total.compareTo(BigDecimal.valueOf(limitMg)) > 0) {
      return new WatchItem(check, amount + " — above the protocol's limit.", WatchItem.State.SIGNAL);
    }
    if (unreadable > 0) {
      return new WatchItem(check, amount + " from the doses that could be read; " + unreadable + " ketamine "
          + "administration" + (unreadable == 1 ? "" : "s") + " could not be read — check the chart.",
          WatchItem.State.NOT_READ);
    }
    return new WatchItem(check, amount + ".", WatchItem.State.CLEAR);
  }

  private static List<WatchItem> substanceUse(Section<List<Resource>> conditions, CourseRules rules) {
    if (!conditions.isLoaded()) {
      return List.of(new WatchItem(SUBSTANCE_USE, NOT_READ, WatchItem.State.NOT_READ));
    }
    List<WatchItem> found = new ArrayList<>();
    for (Resource resource : conditions.value()) {
      if (resource instanceof Condition condition && isSubstanceUse(condition.getCode(), rules)) {
        String status = condition.getClinicalStatus().getCodingFirstRep().getCode();
        boolean refuted = condition.getVerificationStatus().getCoding().stream()
            .anyMatch(c -> "entered-in-error".equals(c.getCode()) || "refuted".equals(c.getCode()));
        if (!refuted && (status == null || CURRENT.contains(status))) {
          found.add(new WatchItem(SUBSTANCE_USE, name(condition.getCode()) + " — "
              + (status == null ? "status not recorded" : status.equals("remission") ? "in remission" : status)
              + ".", WatchItem.State.SIGNAL));
        }
      }
    }
    return found.isEmpty() ? List.of(new WatchItem(SUBSTANCE_USE, NONE_RECORDED, WatchItem.State.CLEAR)) : found;
  }

  private static boolean isSubstanceUse(CodeableConcept code, CourseRules rules) {
    String text = name(code).toLowerCase(Locale.ROOT);
    return code.getCoding().stream().anyMatch(c -> Systems.SNOMED.equals(c.getSystem())
        && rules.substanceUseSnomedCodes().contains(c.getCode()))
        || rules.substanceUseKeywords().stream().anyMatch(text::contains)
        || code.getCoding().stream().anyMatch(c -> c.hasDisplay() && rules.substanceUseKeywords().stream()
            .anyMatch(c.getDisplay().toLowerCase(Locale.ROOT)::contains));
  }

  private static String name(CodeableConcept code) {
    if (code.hasText()) {
      return code.getText();
    }
    return code.getCoding().stream().filter(c -> c.hasDisplay()).map(c -> c.getDisplay()).findFirst()
        .orElse("Condition");
  }
}
