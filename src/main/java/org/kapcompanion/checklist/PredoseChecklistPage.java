package org.kapcompanion.checklist;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.launch.LaunchError;
import org.kapcompanion.launch.EhrClients;
import org.kapcompanion.launch.SessionPage;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.web.Templates;

/**
 * {@code /s/{handle}/predose}: the pre-dose safety checklist rendered from its Questionnaire, pre-filled from the
 * record, re-checked on every change: the page then receives only what changed (what still blocks dosing, and the
 * items whose enableWhen depends on other answers), never the fields the clinician is editing.
 */
public final class PredoseChecklistPage implements SessionPage {

  /** Hidden fields carrying {@code linkId=value} of each answer taken from the record, so the mark survives edits. */
  static final String FROM_RECORD_FIELD = "from-record";

  private final QuestionnaireForm form;
  private final Prepopulation prepopulation;
  private final RecordService records;
  private final ClinicalProtocol protocol;
  private final FhirContext fhir;
  private final Templates templates;
  private final Clock clock;

  public PredoseChecklistPage(FormCatalog catalog, FhirContext fhir, ExecutorService reads,
      RecordService records, ClinicalProtocol protocol, Templates templates, Clock clock) {
    this.form = catalog.form(FormCatalog.PREDOSE_CHECKLIST)
        .orElseThrow(() -> new IllegalStateException("the pre-dose checklist Questionnaire is not in fhir-profiles"));
    this.prepopulation = new Prepopulation(fhir, reads, clock);
    this.records = records;
    this.protocol = protocol;
    this.fhir = fhir;
    this.templates = templates;
    this.clock = clock;
  }

  @Override
  public void handle(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> patientId = active.session().context().patientId();
    if (patientId.isEmpty()) {
      LaunchError.NO_PATIENT.sendTo(templates, response);
      return;
    }
    boolean submitted = "POST".equals(request.getMethod());
    FormState state = submitted ? submittedState(request) : prefilledState(active, patientId.get());
    Answers answers = PredoseGate.withGate(state.answers(), protocol.bloodPressureGate());
    FormView view = FormView.of(form, answers, state.fromRecord(), Set.of(PredoseGate.ABOVE_GATE),
        state.problems(), PredoseGate.blockers(form, answers));
    Map<String, Object> model = new HashMap<>(Map.of("form", view, "session", active.session(),
        "basePath", active.basePath(), "fromRecord", state.recordValues(),
        "gate", protocol.bloodPressureGate()));
    if (request.getHeader("HX-Request") != null) {
      templates.render(response, 200, "checklist/predose-update.jte", model);
      return;
    }
    Optional<PatientRecord> banner = records.banner(active);
    model.put("record", banner.orElse(null));
    templates.render(response, 200, "checklist/predose.jte", model);
  }

  /** The answers, which of them came from the record (with the value taken), and per-field problems. */
  private record FormState(Answers answers, Set<String> fromRecord, Map<String, String> recordValues,
      Map<String, String> problems) {}

  private FormState prefilledState(ActiveSession active, String patientId) {
    Prepopulation.Prefilled prefilled = prepopulation.prefill(form, EhrClients.forSession(fhir, active.session()),
        patientId);
    Map<String, String> recordValues = new HashMap<>();
    prefilled.linkIds().forEach(linkId -> prefilled.answers().get(linkId).stream().findFirst()
        .ifPresent(value -> recordValues.put(linkId, value.primitiveValue())));
    return new FormState(prefilled.answers(), prefilled.linkIds(), recordValues, Map.of());
  }

  private FormState submittedState(HttpServletRequest request) {
    Map<String, List<String>> fields = new HashMap<>();
    request.getParameterMap().forEach((name, values) -> fields.put(name, Arrays.asList(values)));
    FormInput.Parsed parsed = FormInput.parse(form, fields, clock.getZone());
    Map<String, String> recordValues = new HashMap<>();
    Set<String> fromRecord = new LinkedHashSet<>();
    for (String marker : fields.getOrDefault(FROM_RECORD_FIELD, List.of())) {
      int equals = marker.indexOf('=');
      if (equals > 0) {
        String linkId = marker.substring(0, equals);
        String value = marker.substring(equals + 1);
        recordValues.put(linkId, value);
        boolean unchanged = parsed.answers().get(linkId).stream().anyMatch(a -> value.equals(a.primitiveValue()));
        if (unchanged) {
          fromRecord.add(linkId);
        }
      }
    }
    return new FormState(parsed.answers(), fromRecord, recordValues, parsed.problems());
  }
}
