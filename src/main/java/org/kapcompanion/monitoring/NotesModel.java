package org.kapcompanion.monitoring;

import java.util.List;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.recorded.Alert;
import org.kapcompanion.web.PageModel;

/**
 * What the session notes page shows: the running session's open alerts, then the note form with its quick tags under
 * the patient banner (null when unreadable); the clinic's time zone is for the entries script. Public because the
 * precompiled template reads it.
 */
public record NotesModel(ActiveSession active, List<QuickTag> tags, PatientRecord record, String clinicZone,
    Alerts alerts) implements PageModel {

  /**
   * The alerts of the running session not yet acknowledged (acknowledged on the dosing page), and whether the EHR
   * could be read for them: an unread list is said so, never shown as no alerts.
   */
  public record Alerts(List<Alert> open, boolean read) {

    public Alerts {
      open = List.copyOf(open);
    }
  }

  @Override
  public String template() {
    return "monitoring/notes.jte";
  }
}
