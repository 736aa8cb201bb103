package org.kapcompanion.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/** Reads the {@code course} object of the clinical protocol, with the shipped defaults for absent keys. */
final class CourseRulesReader {

  private CourseRulesReader() {}

  static CourseRules read(JsonFields root) {
    CourseRules defaults = CourseRules.defaults();
    JsonFields course = root.objectOrEmpty("course");
    JsonFields induction = course.objectOrEmpty("induction");
    JsonFields maintenance = course.objectOrEmpty("maintenance");
    JsonFields cumulative = course.objectOrEmpty("cumulativeDoseLimitMg");
    JsonFields remission = course.objectOrEmpty("remission");
    JsonFields substanceUse = course.objectOrEmpty("substanceUse");
    JsonFields consent = course.objectOrEmpty("consent");
    int days30 = cumulative.integer("days30", defaults.cumulativeDays30Mg(), 1, 20_000);
    int days90 = cumulative.integer("days90", defaults.cumulativeDays90Mg(), 1, 60_000);
    if (days90 < days30) {
      cumulative.problem("days90", "is " + days90 + " mg, below days30 (" + days30 + " mg)",
          "write a 90-day limit at least as large as the 30-day limit, e.g. 1400 and 700");
    }
    List<String> keywords = substanceUse.has("nameKeywords")
        ? substanceUse.strings("nameKeywords").stream().map(k -> k.toLowerCase(Locale.ROOT)).toList()
        : CourseRules.DEFAULT_SUBSTANCE_KEYWORDS;
    return new CourseRules(
        induction.integer("sessions", defaults.inductionSessions(), 1, 20),
        induction.integer("withinDays", defaults.inductionWithinDays(), 1, 120),
        maintenance.integer("everyDays", defaults.maintenanceEveryDays(), 1, 365),
        course.integer("minimumDaysBetweenSessions", defaults.minimumDaysBetweenSessions(), 0, 60),
        course.integer("maximumDoseStepMg", defaults.maximumDoseStepMg(), 1, 1000),
        days30, days90,
        course.integer("remeasureEveryDays", defaults.remeasureEveryDays(), 1, 180),
        remission.integer("pcl5Below", defaults.pcl5RemissionBelow(), 1, 80),
        course.integer("newCourseAfterDays", defaults.newCourseAfterDays(), 14, 3650),
        substanceUse.has("snomedCodes") ? new HashSet<>(substanceUse.strings("snomedCodes"))
            : CourseRules.DEFAULT_SUBSTANCE_CODES,
        keywords,
        new CourseRules.Consent(consent.integer("renewAfterDays", CourseRules.Consent.DEFAULT.renewAfterDays(), 1, 3650),
            consent.bool("recordRequired", CourseRules.Consent.DEFAULT.recordRequired())));
  }
}
