package org.kapcompanion.predose;

import org.kapcompanion.forms.Answers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.kapcompanion.course.Course;
import org.kapcompanion.course.CourseConsent;
import org.kapcompanion.course.WatchItem;
import org.kapcompanion.record.Section;

/** What the pre-dose checklist records of the course's dependency and misuse watch. */
class CourseWatchAnswerTest {

  private static Course course(WatchItem... watch) {
    return new Course(Section.unavailable("x"), 0, Section.unavailable("x"), Section.unavailable("x"),
        List.of(watch), Section.unavailable("x"));
  }

  private static List<String> lines(Optional<Course> course) {
    return CourseWatchAnswer.with(Answers.none(), course).get(CourseWatchAnswer.LINK_ID).stream()
        .map(Type::primitiveValue).toList();
  }

  @Test
  void eachSignalAndUncheckedPartIsOneLineAndClearChecksAreLeftOut() {
    assertThat(lines(Optional.of(course(
        new WatchItem("Session spacing", "1 day apart.", WatchItem.State.SIGNAL),
        new WatchItem("Dose steps", "No step above 50 mg.", WatchItem.State.CLEAR),
        new WatchItem("Substance-use history", "Could not be read — check the chart.", WatchItem.State.NOT_READ)))))
        .containsExactly("Signal — Session spacing: 1 day apart.",
            "Not checked — Substance-use history: Could not be read — check the chart.");
  }

  @Test
  void noSignalSaysSoAndAnUnreadCourseSaysItCouldNotBeRead() {
    assertThat(lines(Optional.of(course(new WatchItem("Dose steps", "None.", WatchItem.State.CLEAR)))))
        .containsExactly(CourseWatchAnswer.NONE);
    assertThat(lines(Optional.empty())).containsExactly(CourseWatchAnswer.NOT_READ);
  }

  @Test
  void aLongFindingIsCutToTheItemsLength() {
    String line = CourseWatchAnswer.line(new WatchItem("Check", "x".repeat(600), WatchItem.State.SIGNAL));
    assertThat(line).hasSize(400).endsWith("…");
  }

  @Test
  void consentIsNotPartOfTheWatchLines() {
    Course withConsent = new Course(Section.unavailable("x"), 0, Section.unavailable("x"), Section.unavailable("x"),
        List.of(), Section.loaded(new CourseConsent(CourseConsent.State.EXPIRED, Optional.empty(), Optional.empty(),
            "", "", Optional.empty(), Optional.empty(), true)));
    assertThat(lines(Optional.of(withConsent))).containsExactly(CourseWatchAnswer.NONE);
  }
}
