package org.kapcompanion.monitoring;

import java.util.List;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.web.PageModel;

/**
 * What the session notes page shows: the note form with its quick tags under the patient banner (null when
 * unreadable); the clinic's time zone is for the entries script. Public because the precompiled template reads it.
 */
public record NotesModel(ActiveSession active, List<QuickTag> tags, PatientRecord record, String clinicZone)
    implements PageModel {

  @Override
  public String template() {
    return "monitoring/notes.jte";
  }
}
