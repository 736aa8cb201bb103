package org.kapcompanion.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kapcompanion.course.CourseFixtures.RULES;
import static org.kapcompanion.course.CourseFixtures.TODAY;
import static org.kapcompanion.course.CourseFixtures.ketamine;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where a course stands in the planned series (defaults: induction 6 sessions within 21 days, maintenance 28). */
class CourseStandTest {

  static Stream<Arguments> stands() {
    return Stream.of(
        Arguments.of("no session", List.of(), "Not started", "has not started", Optional.empty(), false),
        Arguments.of("induction under way", List.of(ketamine(9, 50), ketamine(6, 50), ketamine(2, 50)), "Induction",
            "Session 3 of 6 of the induction series done, day 10 of 21 (from 2026-11-11).",
            Optional.of(LocalDate.of(2026, 12, 1)), false),
        Arguments.of("induction behind plan", List.of(ketamine(25, 50), ketamine(20, 50)), "Induction behind plan",
            "2 of 6 induction sessions after 26 days (planned within 21 days, from 2026-10-26).",
            Optional.of(LocalDate.of(2026, 11, 15)), true),
        Arguments.of("maintenance, next session ahead", List.of(ketamine(40, 50), ketamine(37, 50), ketamine(34, 50),
            ketamine(31, 50), ketamine(28, 50), ketamine(25, 50), ketamine(3, 50)), "Maintenance",
            "Induction of 6 sessions completed on 2026-10-26 in 16 days; 1 maintenance session since. Last session "
                + "2026-11-17; next maintenance by 2026-12-15.", Optional.of(LocalDate.of(2026, 12, 15)), false),
        Arguments.of("maintenance overdue", List.of(ketamine(60, 50), ketamine(57, 50), ketamine(54, 50),
            ketamine(51, 50), ketamine(48, 50), ketamine(45, 50)), "Maintenance", "next maintenance overdue since "
                + "2026-11-03", Optional.of(LocalDate.of(2026, 11, 3)), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stands")
  void stand(String unused, List<CourseSession> course, String phase, String summary, Optional<LocalDate> next,
      boolean overdue) {
    CourseStand stand = CourseStand.of(course, RULES, TODAY);
    assertThat(stand.phase()).isEqualTo(phase);
    assertThat(stand.summary()).contains(summary);
    assertThat(stand.nextDue()).isEqualTo(next);
    assertThat(stand.overdue()).isEqualTo(overdue);
    assertThat(stand.plan()).isEqualTo("Induction: 6 sessions within 21 days, then maintenance every 28 days");
  }

  @Test
  void aGapOfTheConfiguredLengthStartsANewCourse() {
    List<CourseSession> sessions = List.of(ketamine(400, 50), ketamine(397, 50), ketamine(220, 50),
        ketamine(10, 50), ketamine(5, 50));
    assertThat(CourseStand.currentCourse(sessions, RULES)).extracting(CourseSession::date)
        .containsExactly(TODAY.minusDays(10), TODAY.minusDays(5));
  }
}
