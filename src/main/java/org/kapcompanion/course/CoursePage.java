package org.kapcompanion.course;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.launch.LaunchError;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.web.Templates;

/**
 * {@code GET /s/{handle}/course}: the launched patient's treatment course; a supervisor opens another patient's from
 * the session review with {@code ?patient=ID}. The course and the banner are read in parallel.
 */
public final class CoursePage implements SessionPage {

  private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  private final CourseReader reader;
  private final RecordService records;
  private final Templates templates;

  public CoursePage(CourseReader reader, RecordService records, Templates templates) {
    this.reader = reader;
    this.records = records;
    this.templates = templates;
  }

  @Override
  public void handle(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> launched = active.session().context().patientId();
    String asked = request.getParameter("patient");
    boolean other = asked != null && !asked.equals(launched.orElse(null));
    if (other && (!active.session().supervisor() || !FHIR_ID.matcher(asked).matches())) {
      templates.error(response, 403, "Not available to you",
          "Only a clinical supervisor opens another patient's course, from the session review.");
      return;
    }
    Optional<String> patientId = other ? Optional.of(asked) : launched;
    if (patientId.isEmpty()) {
      LaunchError.NO_PATIENT.sendTo(templates, response);
      return;
    }
    CourseReader.Pending pending = reader.start(active, patientId.get());
    Optional<PatientRecord> banner = other ? records.banner(active, patientId.get()) : records.banner(active);
    templates.render(response, 200, new CourseModel(pending.course(), banner.orElseThrow(), active.session(),
        active.basePath(), other));
  }
}
