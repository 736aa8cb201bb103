package org.kapcompanion.review;

import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.web.PageModel;

/**
 * What the printable session summary shows: the session's timeline and REMS summary, with the patient banner (null
 * when unreadable). Public because the precompiled template reads it.
 */
public record PrintModel(SessionView view, PatientRecord banner, String basePath) implements PageModel {

  @Override
  public String template() {
    return "review/print.jte";
  }
}
