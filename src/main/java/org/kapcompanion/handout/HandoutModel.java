package org.kapcompanion.handout;

import org.kapcompanion.session.AppSession;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.web.PageModel;

/**
 * What the recovery handout shows: the patient banner (null when unreadable), the clinic's instructions as HTML and
 * whether the patient has been discharged, or that this could not be read. Public because the precompiled template
 * reads it.
 */
public record HandoutModel(PatientRecord record, AppSession session, String basePath, String instructions,
    boolean discharged, boolean dischargeUnread)
    implements PageModel {

  @Override
  public String template() {
    return "handout/handout.jte";
  }
}
