package org.kapcompanion.record;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.web.Templates;

/** The first page after launch: the patient banner and the record summary. */
public final class SummaryPage implements SessionPage {

  private final RecordService records;
  private final Templates templates;

  public SummaryPage(RecordService records, Templates templates) {
    this.records = records;
    this.templates = templates;
  }

  @Override
  public void handle(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<PatientRecord> record = records.record(active);
    if (RecordService.refused(record, templates, response)) {
      return;
    }
    templates.render(response, 200, new SummaryModel(record.get(), active.session(),
        ScoreChart.toJson(record.get()), active.basePath()));
  }
}
