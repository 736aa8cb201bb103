package org.kapcompanion.preparation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.FormCatalog;
import org.kapcompanion.forms.FormInput;
import org.kapcompanion.forms.FormResponses;
import org.kapcompanion.forms.FormReview;
import org.kapcompanion.forms.FormSaveAnswer;
import org.kapcompanion.forms.FormView;
import org.kapcompanion.forms.QuestionnaireForm;
import org.kapcompanion.forms.Refusals;
import org.kapcompanion.forms.ResponseMapper;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.record.ScoreChart;
import org.kapcompanion.web.Templates;

/**
 * {@code /s/{handle}/preparation}: the patient's preparation notes from the latest preparation QuestionnaireResponse,
 * editable as its Questionnaire and saved as a new response, beside prior sessions, the outcome trend and the clinic's
 * fasting times. The record and the saved responses are read in one parallel round.
 */
public final class PreparationPage {

  private final QuestionnaireForm form;
  private final RecordService records;
  private final FormResponses responses;
  private final ClinicalProtocol.Fasting fasting;
  private final Templates templates;
  private final Clock clock;

  public PreparationPage(FormCatalog catalog, RecordService records,
      FormResponses responses, ClinicalProtocol.Fasting fasting, Templates templates, Clock clock) {
    this.form = catalog.shipped(FormCatalog.PREPARATION);
    this.records = records;
    this.responses = responses;
    this.fasting = fasting;
    this.templates = templates;
    this.clock = clock;
  }

  /** The preparation page and its save, keyed by their path under the session. */
  public Map<String, SessionPage> pages() {
    return Map.of("preparation", SessionPage.needingPatient(this::handle),
        "preparation/save", SessionPage.patientAction(this::save));
  }

  private void handle(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String patientId = active.session().context().patientId().orElseThrow();
    if ("POST".equals(request.getMethod())) {
      FormInput.Parsed parsed = FormInput.parse(form, FormSaveAnswer.fields(request), clock);
      templates.render(response, 200, new PreparationUpdateModel(view(parsed.answers(), parsed.refused())));
      return;
    }
    FormResponses.Saved saved = responses.saved(active, patientId);
    Optional<PatientRecord> record = records.record(active);
    if (RecordService.refused(record, templates, response)) {
      return;
    }
    Optional<QuestionnaireResponse> latest = saved.latest(form, Optional.empty());
    Answers answers = latest.map(ResponseMapper::fromResponse).orElse(Answers.none());
    String savedOn = latest.map(r -> r.getAuthored().toInstant().atZone(clock.getZone()).toLocalDate().toString())
        .orElse(null);
    boolean savedUnread = saved.noneKnownAndEhrUnread(form, Optional.empty());
    templates.render(response, 200, new PreparationModel(view(answers, Refusals.none()), record.get(), active.session(),
        active.basePath(), ScoreChart.toJson(record.get()), savedOn, savedUnread, FormSaveAnswer.newEntryId(), fasting));
  }

  private void save(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> entryId = FormSaveAnswer.acceptedEntryId(request, response);
    if (entryId.isEmpty()) {
      return;
    }
    FormInput.Parsed parsed = FormInput.parse(form, FormSaveAnswer.fields(request), clock);
    parsed.refuseAnyProblem();
    Answers answers = parsed.answers();
    List<FormReview.Missing> missing = FormReview.missing(form, answers);
    FormSaveAnswer.write(response, responses.save(active, form, answers, entryId.get(), missing.isEmpty(),
        "preparation"), missing);
  }

  private FormView view(Answers answers, Refusals refused) {
    return FormView.of(form, answers, Set.of(), Set.of(), refused, FormReview.missing(form, answers));
  }
}
