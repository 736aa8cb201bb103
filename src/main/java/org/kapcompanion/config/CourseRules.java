package org.kapcompanion.config;

import java.util.List;
import java.util.Set;

/**
 * The clinic's rules for a KAP treatment course ({@code course} in the clinical protocol): the planned series, the
 * limits the dependency and misuse watch compares the course with, and how often outcome scales are re-measured.
 *
 * @param inductionSessions how many dosing sessions make the induction series
 * @param inductionWithinDays within how many days of the first dose the induction series is planned
 * @param maintenanceEveryDays after induction, a maintenance session is planned this many days after the last
 * @param minimumDaysBetweenSessions the fewest days allowed between two dosing sessions
 * @param maximumDoseStepMg the largest increase in mg from one session's dose to the next
 * @param cumulativeDays30Mg the most ketamine/esketamine in mg over any 30 days ending today
 * @param cumulativeDays90Mg the most over any 90 days ending today
 * @param remeasureEveryDays an outcome scale is due again this many days after it was last measured
 * @param pcl5RemissionBelow a PCL-5 total below this counts as remission (the clinic's cut-off)
 * @param newCourseAfterDays a dose this many days or more after the previous one starts a new course
 * @param substanceUseSnomedCodes SNOMED CT codes of substance-use conditions the watch shows
 * @param substanceUseKeywords lower-case words that identify a substance-use condition by its text
 * @param consent how long a recorded informed consent stays valid, and whether dosing needs one recorded
 */
public record CourseRules(
    int inductionSessions,
    int inductionWithinDays,
    int maintenanceEveryDays,
    int minimumDaysBetweenSessions,
    int maximumDoseStepMg,
    int cumulativeDays30Mg,
    int cumulativeDays90Mg,
    int remeasureEveryDays,
    int pcl5RemissionBelow,
    int newCourseAfterDays,
    Set<String> substanceUseSnomedCodes,
    List<String> substanceUseKeywords,
    Consent consent) {

  /**
   * The course's informed consent ({@code course.consent} in the protocol).
   *
   * @param renewAfterDays a consent signed this many days ago or more must be signed again before the next dose
   * @param recordRequired whether dosing needs a consent recorded in the EHR; when false and none is recorded, the
   *     pre-dose checklist asks for today's confirmation instead
   */
  public record Consent(int renewAfterDays, boolean recordRequired) {

    /** The shipped default: renewed yearly; clinics whose EHR keeps consent elsewhere confirm it each session. */
    public static final Consent DEFAULT = new Consent(365, false);
  }

  /** PHQ-9 and GAD-7 totals below this count as remission (fixed by the scales' published severity bands). */
  public static final int PHQ9_GAD7_REMISSION_BELOW = 5;

  public CourseRules {
    substanceUseSnomedCodes = Set.copyOf(substanceUseSnomedCodes);
    substanceUseKeywords = List.copyOf(substanceUseKeywords);
  }

  /** The shipped defaults (config/README.md, "course"). */
  public static CourseRules defaults() {
    return new CourseRules(6, 21, 28, 2, 50, 700, 1400, 14, 33, 180, DEFAULT_SUBSTANCE_CODES,
        DEFAULT_SUBSTANCE_KEYWORDS, Consent.DEFAULT);
  }

  static final Set<String> DEFAULT_SUBSTANCE_CODES = Set.of("66590003");
  static final List<String> DEFAULT_SUBSTANCE_KEYWORDS = List.of("substance use", "alcohol use disorder",
      "alcohol dependence", "alcohol abuse", "opioid use disorder", "opioid dependence", "cannabis use disorder",
      "stimulant use disorder", "ketamine use", "drug dependence", "drug abuse");
}
