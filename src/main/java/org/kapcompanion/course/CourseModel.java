package org.kapcompanion.course;

import org.kapcompanion.session.AppSession;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.web.PageModel;

/**
 * What the course page shows: the patient's course of sessions under its banner, and whether a supervisor is reviewing
 * another patient's course. Public because the precompiled template reads it.
 */
public record CourseModel(Course course, PatientRecord banner, AppSession session, String basePath, boolean reviewing)
    implements PageModel {

  @Override
  public String template() {
    return "course/course.jte";
  }
}
