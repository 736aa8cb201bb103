package org.kapcompanion.predose;

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
import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.course.Course;
import org.kapcompanion.course.CourseConsent;
import org.kapcompanion.course.CourseReader;
import org.kapcompanion.gates.StartGate;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.record.Interactions;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.record.Section;
import org.kapcompanion.web.Templates;

/**
 * {@code /s/{handle}/predose}: the pre-dose safety checklist rendered from its Questionnaire, pre-filled from the
 * record (or from the checklist saved earlier today), re-checked on every change: the page then receives only what
 * changed (what still blocks dosing, and the items whose enableWhen depends on other answers). {@code predose/save}
 * saves it as a new QuestionnaireResponse: {@code completed} only when nothing blocks dosing, else a draft.
 */
public final class PredoseChecklistPage {

  /** Hidden fields carrying {@code linkId=value} of each answer taken from the record, so the mark survives edits. */
  static final String FROM_RECORD_FIELD = "from-record";
  /** The items the app fills in from the answers and the protocol; the clinician only reviews them. */
  private static final Set<String> COMPUTED = Set.of(PredoseGate.ABOVE_GATE, PredoseGate.DECISION_REQUIRED,
      PredoseGate.DECISION_REASONS, CourseWatchAnswer.LINK_ID);
  private final QuestionnaireForm form;
  private final Prepopulation prepopulation;
  private final RecordService records;
  private final FormResponses responses;
  private final ClinicalProtocol protocol;
  private final StartGate gate;
  private final Templates templates;
  private final Clock clock;
  private final CourseReader courses;

  public PredoseChecklistPage(FormCatalog catalog, FhirContext fhir, ExecutorService reads, RecordService records,
      FormResponses responses, ClinicalProtocol protocol, CourseReader courses, Templates templates, Clock clock) {
    this.form = catalog.shipped(FormCatalog.PREDOSE_CHECKLIST);
    this.prepopulation = new Prepopulation(fhir, reads, clock, medication -> Interactions.listed(medication, protocol));
    this.records = records;
    this.responses = responses;
    this.protocol = protocol;
    this.courses = courses;
    this.gate = new StartGate(protocol.gates(), clock.getZone());
    this.templates = templates;
    this.clock = clock;
  }

  /** The checklist page and its save, keyed by their path under the session. */
  public Map<String, SessionPage> pages() {
    return Map.of("predose", SessionPage.needingPatient(this::handle),
        "predose/save", SessionPage.patientAction(this::save));
  }

  private void handle(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String patientId = active.session().context().patientId().orElseThrow();
    boolean submitted = "POST".equals(request.getMethod());
    boolean partial = submitted && request.getHeader("HX-Request") != null;
    Optional<PrefillReads> prefill = partial ? Optional.empty() : Optional.of(startPrefill(active, patientId));
    Optional<CourseReader.Pending> course = partial ? Optional.empty()
        : Optional.of(courses.start(active, patientId));
    Optional<PatientRecord> banner = partial ? Optional.empty() : records.banner(active);
    Optional<Course> read = course.map(CourseReader.Pending::course);
    Section<CourseConsent> consent = partial ? courses.consent(active, patientId)
        : read.map(Course::consent).orElse(Section.unavailable("Not read."));
    FormState state = submitted ? submittedState(FormSaveAnswer.fields(request))
        : prefilledState(active, prefill.orElseThrow(), consent);
    FormView.RecordContext context = new FormView.RecordContext(state.fromRecord(), Map.of(), Map.of());
    if (prefill.isPresent()) {
      Prepopulation.Prefilled fromRecord = prefill.get().fromRecord().join();
      state = withRecordContext(state, fromRecord);
      context = new FormView.RecordContext(state.fromRecord(), fromRecord.absent(), takenAt(fromRecord));
    }
    Answers answers = partial ? answers(state.answers()) : CourseWatchAnswer.with(answers(state.answers()), read);
    FormView view = FormView.of(form, answers, context, COMPUTED, state.refused(), blockers(answers, consent));
    if (partial) {
      templates.render(response, 200, new PredoseUpdateModel(view));
      return;
    }
    templates.render(response, 200, new PredoseModel(view, active.session(), active.basePath(),
        state.recordValues(), protocol.bloodPressureGate(), banner.orElse(null), state.saved().orElse(null),
        !submitted && prefill.orElseThrow().saved().noneKnownAndEhrUnread(form, Optional.of(LocalDate.now(clock))),
        FormSaveAnswer.newEntryId(), PredoseGate.cautions(answers, gate), read.orElse(null), protocol.fasting(),
        submitted));
  }

  private void save(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> entryId = FormSaveAnswer.acceptedEntryId(request, response);
    if (entryId.isEmpty()) {
      return;
    }
    FormState submitted = submittedState(FormSaveAnswer.fields(request));
    FormInput.refuseAny(submitted.refused().reasons());
    Optional<Course> course = active.session().context().patientId()
        .flatMap(patient -> courses.courseForSave(active, patient));
    Answers answers = CourseWatchAnswer.with(answers(submitted.answers()), course);
    List<FormReview.Missing> blockers = blockers(answers, course.map(Course::consent)
        .orElse(Section.unavailable("Not read.")));
    FormSaveAnswer.write(response, responses.save(active, form, answers, entryId.get(), blockers.isEmpty(),
        "predose-checklist"), blockers);
  }

  /** What blocks dosing: the start gate's and the checklist's blockers, then the recorded consent's. */
  private List<FormReview.Missing> blockers(Answers answers, Section<CourseConsent> consent) {
    List<FormReview.Missing> blockers = new ArrayList<>(PredoseGate.blockers(form, answers, gate, Optional.empty(),
        baselineAge()));
    blockers.addAll(ConsentCheck.blockers(consent, protocol.course().consent()));
    return blockers;
  }

  /** The answers with what the app computes: the blood-pressure gate and the default decision time. */
  private Answers answers(Answers given) {
    return PredoseGate.withDecisionTime(PredoseGate.withDecisionRequired(
        PredoseGate.withGate(given, protocol.bloodPressureGate(), baselineAge()), gate), ZonedDateTime.now(clock));
  }

  /** Whether a baseline counts now, under the clinic's protocol. */
  private BaselineAge baselineAge() {
    return BaselineAge.of(protocol.gates().baselineMaxAgeMinutes(), ZonedDateTime.now(clock));
  }

  /** When the readings behind the record's answers were taken, as the page shows it next to them. */
  private Map<String, String> takenAt(Prepopulation.Prefilled fromRecord) {
    BaselineAge age = baselineAge();
    Map<String, String> shown = new HashMap<>();
    fromRecord.takenAt().forEach((linkId, at) -> shown.put(linkId, age.shown(at.atZone(clock.getZone()))));
    return shown;
  }

  /**
   * The answers, which of them came from the record (with the value taken), the values refused, and when the
   * checklist shown was saved earlier today.
   */
  private record FormState(Answers answers, Set<String> fromRecord, Map<String, String> recordValues,
      Refusals refused, Optional<SavedChecklist> saved) {}

  /** A checklist saved earlier today, as the page mentions it. */
  public record SavedChecklist(String time, boolean completed) {}

  /** The reads a pre-filled checklist needs, under way in one parallel round: the record's values, saved responses. */
  private record PrefillReads(CompletableFuture<Prepopulation.Prefilled> fromRecord, FormResponses.Saved saved) {}

  private PrefillReads startPrefill(ActiveSession active, String patientId) {
    return new PrefillReads(prepopulation.prefill(form, active).thenApply(read -> baselineAge().prefilled(read)),
        responses.saved(active, patientId));
  }

  /** Pre-fills from the record, unless a checklist was saved today: then that one is shown again. */
  private FormState prefilledState(ActiveSession active, PrefillReads reads, Section<CourseConsent> consent) {
    Prepopulation.Prefilled prefilled = ConsentCheck.prefill(reads.fromRecord().join(), consent);
    Optional<QuestionnaireResponse> saved = reads.saved().latest(form, Optional.of(LocalDate.now(clock)));
    Answers answers = saved.map(ResponseMapper::fromResponse).orElse(prefilled.answers());
    Map<String, String> recordValues = new HashMap<>();
    Set<String> fromRecord = new LinkedHashSet<>();
    prefilled.linkIds().forEach(linkId -> prefilled.answers().get(linkId).stream().findFirst().ifPresent(value -> {
      recordValues.put(linkId, value.primitiveValue());
      if (value.primitiveValue() != null
          && answers.get(linkId).stream().anyMatch(a -> value.primitiveValue().equals(a.primitiveValue()))) {
        fromRecord.add(linkId);
      }
    }));
    return new FormState(answers, fromRecord, recordValues, Refusals.none(), saved.map(this::describe));
  }

  /**
   * The state with the read-only items the record fills taken from the record as read for this page: nobody types
   * them, so neither a submitted form nor a reopened draft carries them, and they must not turn into "not known".
   */
  private FormState withRecordContext(FormState state, Prepopulation.Prefilled prefilled) {
    Answers answers = state.answers();
    Set<String> fromRecord = new LinkedHashSet<>(state.fromRecord());
    for (QuestionnaireItemComponent item : form.questions()) {
      String linkId = item.getLinkId();
      if (item.getReadOnly() && (prefilled.linkIds().contains(linkId) || prefilled.absent().containsKey(linkId))) {
        answers = answers.with(linkId, prefilled.answers().get(linkId));
        if (prefilled.linkIds().contains(linkId)) {
          fromRecord.add(linkId);
        }
      }
    }
    return new FormState(answers, fromRecord, state.recordValues(), state.refused(), state.saved());
  }

  private SavedChecklist describe(QuestionnaireResponse saved) {
    return new SavedChecklist(saved.getAuthored().toInstant().atZone(clock.getZone()).toLocalTime()
        .truncatedTo(ChronoUnit.MINUTES).toString(),
        saved.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
  }

  private FormState submittedState(Map<String, List<String>> fields) {
    FormInput.Parsed parsed = FormInput.parse(form, fields, clock);
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
    return new FormState(parsed.answers(), fromRecord, recordValues, parsed.refused(), Optional.empty());
  }
}
