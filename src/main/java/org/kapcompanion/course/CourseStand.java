package org.kapcompanion.course;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kapcompanion.config.CourseRules;

/**
 * Where the patient stands in the protocol's planned series: induction (so many sessions within so many days), then
 * maintenance every so many days. Pure.
 *
 * @param phase "Not started", "Induction", "Induction behind plan" or "Maintenance"
 * @param summary one sentence, e.g. "Session 4 of 6 of the induction series, day 10 of 21."
 * @param plan the planned series in words, e.g. "Induction: 6 sessions within 21 days, then maintenance every 28 days"
 * @param nextDue when the next session is planned by, when the plan says
 * @param overdue whether that date has passed
 */
public record CourseStand(String phase, String summary, String plan, Optional<LocalDate> nextDue, boolean overdue) {

  /** The current course: the sessions since the last gap of {@code newCourseAfterDays} or more, oldest first. */
  static List<CourseSession> currentCourse(List<CourseSession> sessions, CourseRules rules) {
    List<CourseSession> current = new ArrayList<>();
    for (CourseSession session : sessions) {
      if (!current.isEmpty() && ChronoUnit.DAYS.between(current.get(current.size() - 1).date(), session.date())
          >= rules.newCourseAfterDays()) {
        current.clear();
      }
      current.add(session);
    }
    return current;
  }

  /** Where the course of {@code course} (oldest first) stands on {@code today}. */
  static CourseStand of(List<CourseSession> course, CourseRules rules, LocalDate today) {
    String plan = "Induction: " + rules.inductionSessions() + " sessions within " + rules.inductionWithinDays()
        + " days, then maintenance every " + rules.maintenanceEveryDays() + " days";
    if (course.isEmpty()) {
      return new CourseStand("Not started", "No dosing session recorded in the EHR: the induction series has not "
          + "started.", plan, Optional.empty(), false);
    }
    LocalDate first = course.get(0).date();
    LocalDate last = course.get(course.size() - 1).date();
    int done = course.size();
    long day = ChronoUnit.DAYS.between(first, today) + 1;
    if (done < rules.inductionSessions()) {
      LocalDate end = first.plusDays(rules.inductionWithinDays() - 1L);
      boolean late = today.isAfter(end);
      String summary = late
          ? done + " of " + rules.inductionSessions() + " induction sessions after " + day + " days (planned within "
              + rules.inductionWithinDays() + " days, from " + first + ")."
          : "Session " + done + " of " + rules.inductionSessions() + " of the induction series done, day " + day
              + " of " + rules.inductionWithinDays() + " (from " + first + ").";
      return new CourseStand(late ? "Induction behind plan" : "Induction", summary, plan, Optional.of(end), late);
    }
    LocalDate inductionDone = course.get(rules.inductionSessions() - 1).date();
    long took = ChronoUnit.DAYS.between(first, inductionDone) + 1;
    LocalDate next = last.plusDays(rules.maintenanceEveryDays());
    boolean overdue = today.isAfter(next);
    String summary = "Induction of " + rules.inductionSessions() + " sessions completed on " + inductionDone + " in "
        + took + " days; " + (done - rules.inductionSessions()) + " maintenance session"
        + (done - rules.inductionSessions() == 1 ? "" : "s") + " since. Last session " + last + "; next maintenance "
        + (overdue ? "overdue since " : "by ") + next + ".";
    return new CourseStand("Maintenance", summary, plan, Optional.of(next), overdue);
  }
}
