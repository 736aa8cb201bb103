package org.kapcompanion.integration;

import java.util.List;
import java.util.Map;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.web.PageModel;

/**
 * What the plan conflict page shows: the EHR's newer version beside ours, with the failed entry to replace or the form
 * to send again as an edit of their version (null when there is none). Public because the precompiled template reads
 * it.
 */
public record ConflictModel(ActiveSession active, PatientRecord record, String entryId, String newEntryId,
    List<PlanSection> theirs, List<PlanSection> ours, String theirVersion, List<Map.Entry<String, String>> resubmit)
    implements PageModel {

  @Override
  public String template() {
    return "integration/conflict.jte";
  }
}
