package org.kapcompanion.record;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.launch.AppSession;
import org.kapcompanion.launch.SessionPage;
import org.kapcompanion.launch.SessionTokens;
import org.kapcompanion.web.Templates;

/** The first page after launch: the patient banner and the record summary. */
public final class SummaryPage implements SessionPage {

  private final RecordReader reader;
  private final SessionTokens tokens;
  private final Templates templates;

  public SummaryPage(RecordReader reader, SessionTokens tokens, Templates templates) {
    this.reader = reader;
    this.tokens = tokens;
    this.templates = templates;
  }

  @Override
  public void handle(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> patientId = active.session().context().patientId();
    if (patientId.isEmpty()) {
      templates.error(response, 400, "No patient was selected",
          "KAP Companion opens on one patient's record. Launch it from the patient's chart in the EHR.");
      return;
    }
    Optional<PatientRecord> record = read(active.handle(), active.session(), patientId.get(), true);
    if (record.isEmpty()) {
      templates.error(response, 401, "Your session has ended",
          "The EHR no longer accepts this session's sign-in. Launch again from the EHR.");
      return;
    }
    templates.render(response, 200, "summary.jte", Map.of(
        "record", record.get(),
        "session", active.session(),
        "chart", ScoreChart.toJson(record.get())));
  }

  private Optional<PatientRecord> read(String handle, AppSession session, String patientId, boolean mayRefresh) {
    RecordReader.Result result = reader.read(session.fhirBase().toString(), session.tokens().accessToken(), patientId,
        session.fhirUser());
    if (result instanceof RecordReader.Result.Read read) {
      return Optional.of(read.record());
    }
    return mayRefresh
        ? tokens.refresh(handle, session).flatMap(refreshed -> read(handle, refreshed, patientId, false))
        : Optional.empty();
  }
}
