package org.kapcompanion.integration;

import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.web.PageModel;

/**
 * What the integration plan page shows: the plan form with its problems and saved entries, under the patient banner
 * (null when unreadable). Public because the precompiled template reads it.
 */
public record PlanModel(ActiveSession active, PatientRecord record, PlanView view) implements PageModel {

  @Override
  public String template() {
    return "integration/plan.jte";
  }
}
