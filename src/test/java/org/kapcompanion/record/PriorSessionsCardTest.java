package org.kapcompanion.record;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The prior sessions card says when it lists only the latest sessions, and where the others are. */
class PriorSessionsCardTest {

  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);
  private static final List<PatientRecord.PriorSession> TWO = List.of(session("2026-11-10"), session("2026-10-20"));

  @Test
  void aListWithOlderSessionsLeftOutSaysLatestAndPointsToTheTreatmentCourse() {
    String card = render(new PatientRecord.PriorSessions(TWO, true));
    assertThat(card).contains("Prior KAP sessions (latest 2)</h2>")
        .contains("Older sessions are not shown here: see the <a href=\"/s/abc/course\">Treatment course</a> page")
        .contains("2026-10-20").doesNotContain("None recorded");
  }

  @Test
  void anEmptyListWithOlderSessionsLeftOutNeverSaysNoneRecorded() {
    String card = render(new PatientRecord.PriorSessions(List.of(), true));
    assertThat(card).contains("Older sessions are not shown here").doesNotContain("None recorded")
        .doesNotContain("<table");
  }

  @Test
  void aCompleteListShowsItsCountAndNoNote() {
    String card = render(new PatientRecord.PriorSessions(TWO, false));
    assertThat(card).contains("Prior KAP sessions (2)</h2>").doesNotContain("latest").doesNotContain("Older sessions");
  }

  private static String render(PatientRecord.PriorSessions sessions) {
    StringOutput output = new StringOutput();
    ENGINE.render("prior-sessions.jte", Map.of("sessions", Section.loaded(sessions), "basePath", "/s/abc/"), output);
    return output.toString();
  }

  private static PatientRecord.PriorSession session(String date) {
    return new PatientRecord.PriorSession(Optional.of(LocalDate.parse(date)), false, List.of(), 0, Optional.empty(),
        Optional.empty(), Optional.empty(), List.of());
  }
}
