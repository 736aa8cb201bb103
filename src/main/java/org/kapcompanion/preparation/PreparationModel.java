package org.kapcompanion.preparation;

import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.forms.FormView;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.web.PageModel;

/**
 * What the preparation page shows: the notes form, the record beside it, when they were last saved and the clinic's
 * fasting times. Public because the precompiled template reads it.
 */
public record PreparationModel(FormView form, PatientRecord record, AppSession session, String basePath, String chart,
    String savedOn, boolean savedUnread, String entryId, ClinicalProtocol.Fasting fasting)
    implements PageModel {

  @Override
  public String template() {
    return "preparation/preparation.jte";
  }
}
