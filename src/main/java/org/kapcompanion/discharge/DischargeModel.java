package org.kapcompanion.discharge;

import org.kapcompanion.forms.FormView;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.web.PageModel;

/**
 * What the discharge checklist shows: the form judged against the session's facts, whether a session runs (none,
 * running, finished), the protocol's minimum observation time, the patient banner (null when unreadable), the
 * clinic's time zone for the entries script, and whether the answers shown are not saved (a checklist sent and
 * refused, shown again). Public because the precompiled template reads it.
 */
public record DischargeModel(ActiveSession active, FormView form, String state, String entryId, int minimumMinutes,
    PatientRecord record, String clinicZone, boolean unsaved)
    implements PageModel {

  @Override
  public String template() {
    return "discharge/discharge.jte";
  }
}
