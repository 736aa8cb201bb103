package org.kapcompanion.predose;

import org.kapcompanion.forms.Answers;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.course.Course;
import org.kapcompanion.course.WatchItem;

/**
 * Fills the pre-dose checklist's read-only {@code course-signals} item from the treatment course's dependency and
 * misuse watch, so the saved checklist records what the clinician saw and the supervisor's queue can flag it. Pure.
 */
final class CourseWatchAnswer {

  static final String LINK_ID = "course-signals";
  static final String NONE = "No signal in what the EHR holds.";
  static final String NOT_READ = "Could not be read — check the chart.";
  private static final int MAX_LENGTH = 400;

  private CourseWatchAnswer() {}

  /** The answers with {@code course-signals}: one line per signal or unchecked part, else that there is none. */
  static Answers with(Answers answers, Optional<Course> course) {
    if (course.isEmpty()) {
      return answers.with(LINK_ID, List.of(new StringType(NOT_READ)));
    }
    List<WatchItem> attention = course.get().attention();
    List<Type> lines = attention.isEmpty() ? List.of(new StringType(NONE))
        : attention.stream().map(item -> (Type) new StringType(line(item))).toList();
    return answers.with(LINK_ID, lines);
  }

  /** "Signal — Session spacing: …", within the item's 400 characters. */
  static String line(WatchItem item) {
    String line = (item.signal() ? "Signal — " : "Not checked — ") + item.check() + ": " + item.finding();
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
  }
}
