package org.kapcompanion.record;

import org.kapcompanion.session.AppSession;
import org.kapcompanion.web.PageModel;

/**
 * What the record summary shows: the patient record, the signed-in session, the outcome chart's JSON and the session's
 * base path. Public because the precompiled template reads it.
 */
public record SummaryModel(PatientRecord record, AppSession session, String chart, String basePath)
    implements PageModel {

  @Override
  public String template() {
    return "summary.jte";
  }
}
