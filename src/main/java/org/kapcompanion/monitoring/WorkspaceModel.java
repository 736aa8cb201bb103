package org.kapcompanion.monitoring;

import java.util.List;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.web.PageModel;

/**
 * What the dosing workspace shows: the running session, the reading and note forms, the protocol's limits, the patient
 * banner (null when unreadable) and the clinic's time zone for the entries script. Public because the precompiled
 * template reads it.
 */
public record WorkspaceModel(ActiveSession active, Workspace workspace, List<QuickTag> tags, ClinicalProtocol protocol,
    PatientRecord record, String clinicZone)
    implements PageModel {

  @Override
  public String template() {
    return "monitoring/session.jte";
  }

  /** The refreshing part, which the page embeds and the poll renders alone. */
  public LiveModel live() {
    return new LiveModel(active, workspace);
  }
}
