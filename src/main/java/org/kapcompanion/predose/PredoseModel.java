package org.kapcompanion.predose;

import java.util.List;
import java.util.Map;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.course.Course;
import org.kapcompanion.forms.FormView;
import org.kapcompanion.gates.Finding;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.web.PageModel;

/**
 * What the pre-dose checklist shows: the form with the answers taken from the record, the blood-pressure gate, the
 * checklist saved today or that it could not be read, the cautions, the course notice, the fasting times, and whether
 * the answers shown are a submission not yet saved. Public because the precompiled template reads it.
 */
public record PredoseModel(FormView form, AppSession session, String basePath, Map<String, String> fromRecord,
    ClinicalProtocol.BloodPressure gate, PatientRecord record, PredoseChecklistPage.SavedChecklist saved,
    boolean savedUnread, String entryId, List<Finding> cautions, Course course, ClinicalProtocol.Fasting fasting,
    boolean unsaved)
    implements PageModel {

  @Override
  public String template() {
    return "predose/predose.jte";
  }
}
