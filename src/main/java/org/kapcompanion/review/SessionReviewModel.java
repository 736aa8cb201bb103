package org.kapcompanion.review;

import java.util.List;
import org.kapcompanion.gates.GateDecision;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.web.PageModel;

/**
 * What the session review shows: the timeline, the co-sign form with the co-sign gate's decision and what refused a
 * co-sign, and the patient whose course it links to. Public because the precompiled template reads it.
 */
public record SessionReviewModel(SessionView view, PatientRecord banner, String basePath, String csrf, String entryId,
    boolean canCoSign, String message, List<String> problems, GateDecision cosignGate, String coursePatient)
    implements PageModel {

  @Override
  public String template() {
    return "review/session.jte";
  }

  /** The same session as a printable summary. */
  public PrintModel printable() {
    return new PrintModel(view, banner, basePath);
  }
}
