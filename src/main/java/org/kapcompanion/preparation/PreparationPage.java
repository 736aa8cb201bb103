package org.kapcompanion.preparation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.checklist.Answers;
import org.kapcompanion.checklist.FormCatalog;
import org.kapcompanion.checklist.FormInput;
import org.kapcompanion.checklist.FormResponses;
import org.kapcompanion.checklist.FormReview;
import org.kapcompanion.checklist.FormSaveAnswer;
import org.kapcompanion.checklist.FormView;
import org.kapcompanion.checklist.QuestionnaireForm;
import org.kapcompanion.checklist.ResponseMapper;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.launch.EhrClients;
import org.kapcompanion.launch.LaunchError;
import org.kapcompanion.launch.SessionPage;
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
  private final FhirContext fhir;
  private final ClinicalProtocol.Fasting fasting;
  private final ExecutorService reads;
  private final Templates templates;
  private final Clock clock;

  public PreparationPage(FormCatalog catalog, FhirContext fhir, ExecutorService reads, RecordService records,
      FormResponses responses, ClinicalProtocol.Fasting fasting, Templates templates, Clock clock) {
    this.form = catalog.form(FormCatalog.PREPARATION)
        .orElseThrow(() -> new IllegalStateException("the preparation Questionnaire is not in fhir-profiles"));
    this.records = records;
    this.responses = responses;
    this.fhir = fhir;
    this.fasting = fasting;
    this.reads = reads;
    this.templates = templates;
    this.clock = clock;
  }

  /** The preparation page and its save, keyed by their path under the session. */
  public Map<String, SessionPage> pages() {
    return Map.of("preparation", this::handle, "preparation/save", this::save);
  }

  private void handle(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> patientId = active.session().context().patientId();
    if (patientId.isEmpty()) {
      LaunchError.NO_PATIENT.sendTo(templates, response);
      return;
    }
    if ("POST".equals(request.getMethod())) {
      FormInput.Parsed parsed = FormInput.parse(form, FormSaveAnswer.fields(request), clock);
      templates.render(response, 200, "checklist/conditional-fields.jte",
          Map.of("form", view(parsed.answers(), parsed.problems())));
      return;
    }
    IGenericClient client = EhrClients.forSession(fhir, active.session());
    CompletableFuture<List<Resource>> fromEhr = CompletableFuture.supplyAsync(
        () -> FormResponses.fromEhr(client, patientId.get()), reads);
    Optional<PatientRecord> record = records.record(active);
    if (RecordService.refused(record, templates, response)) {
      return;
    }
    List<Resource> candidates = new ArrayList<>(fromEhr.join());
    candidates.addAll(responses.unsent(active));
    Optional<QuestionnaireResponse> latest = FormResponses.latest(form.canonical(), candidates, Optional.empty(),
        clock.getZone());
    Answers answers = latest.map(ResponseMapper::fromResponse).orElse(Answers.none());
    Map<String, Object> model = new HashMap<>();
    model.put("form", view(answers, Map.of()));
    model.put("record", record.get());
    model.put("session", active.session());
    model.put("basePath", active.basePath());
    model.put("chart", ScoreChart.toJson(record.get()));
    model.put("savedOn", latest.map(r -> r.getAuthored().toInstant().atZone(clock.getZone()).toLocalDate().toString())
        .orElse(null));
    model.put("entryId", FormSaveAnswer.newEntryId());
    model.put("fasting", fasting);
    templates.render(response, 200, "preparation/preparation.jte", model);
  }

  private void save(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> entryId = FormSaveAnswer.acceptedEntryId(active, request, response, templates);
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

  private FormView view(Answers answers, Map<String, String> problems) {
    return FormView.of(form, answers, Set.of(), Set.of(), problems, FormReview.missing(form, answers));
  }
}
