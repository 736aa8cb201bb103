package org.kapcompanion.discharge;

import org.kapcompanion.monitoring.EntryMapping;
import org.kapcompanion.monitoring.DosingSessionReader;
import org.kapcompanion.monitoring.SessionRecord;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.FormCatalog;
import org.kapcompanion.forms.FormInput;
import org.kapcompanion.forms.FormReview;
import org.kapcompanion.forms.FormSaveAnswer;
import org.kapcompanion.forms.FormView;
import org.kapcompanion.forms.QuestionnaireForm;
import org.kapcompanion.forms.Refusals;
import org.kapcompanion.forms.ResponseMapper;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.gates.DischargeGate;
import org.kapcompanion.gates.GateDecision;
import org.kapcompanion.gates.SessionTime;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.vocabulary.ItemId;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.web.Templates;
import org.kapcompanion.writeback.EntrySaver;
import org.kapcompanion.writeback.SaveResult;

/**
 * {@code /s/{handle}/discharge}: the discharge checklist from its Questionnaire, with the time since the latest dose, the
 * monitoring time and the latest blood pressure filled in; saving a checklist that passes the {@link DischargeGate} (or
 * records a prescriber's override of its unmet criteria) writes the discharge QuestionnaireResponse and finishes the
 * session Encounter. A change posted by htmx only answers with the blockers and the fields whose enableWhen depends on
 * the answers.
 */
public final class DischargePage implements SessionPage {

  private static final String TIME_SINCE_DOSE = ItemId.TIME_SINCE_DOSE.linkId();
  private static final String MONITORING_MINUTES = ItemId.MONITORING_MINUTES.linkId();
  private static final String READY_TO_LEAVE = ItemId.READY_TO_LEAVE_TIME.linkId();
  /**
   * Set from the record and never from the form: the time since the dose and the monitoring time are facts of the
   * record (the dose, else the session's start, until the discharge is saved), which no typed number could correct.
   */
  private static final Set<String> COMPUTED = Set.of(TIME_SINCE_DOSE, MONITORING_MINUTES, DischargeCriteria.MET,
      DischargeCriteria.UNMET);
  private static final Set<String> PREFILLED = Set.of(TIME_SINCE_DOSE,
      ItemId.DISCHARGE_SYSTOLIC.linkId(), ItemId.DISCHARGE_DIASTOLIC.linkId(), MONITORING_MINUTES);

  private final DosingSessionReader reader;
  private final EntrySaver entries;
  private final QuestionnaireForm form;
  private final RecordService records;
  private final ClinicalProtocol protocol;
  private final DischargeGate gate;
  private final Templates templates;
  private final Clock clock;

  public DischargePage(DosingSessionReader reader, EntrySaver entries, FormCatalog catalog, RecordService records,
      ClinicalProtocol protocol, Templates templates, Clock clock) {
    this.reader = reader;
    this.entries = entries;
    this.form = catalog.shipped(FormCatalog.DISCHARGE_CHECKLIST);
    this.records = records;
    this.protocol = protocol;
    this.gate = new DischargeGate(protocol, clock.getZone());
    this.templates = templates;
    this.clock = clock;
  }

  @Override
  public void handle(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    DosingSessionReader.Today today = reader.begin(active);
    boolean partial = "POST".equals(request.getMethod()) && request.getHeader("HX-Request") != null;
    Optional<PatientRecord> banner = partial ? Optional.empty() : records.banner(active);
    Optional<SessionRecord> session = today.session();
    if (session.isEmpty() || session.get().finished()) {
      templates.render(response, 200, page(active, FormView.of(form, Answers.none(), Set.of(), Set.of(),
          Refusals.none(), List.of()), session.isEmpty() ? "none" : "finished", "", banner, false));
      return;
    }
    SessionRecord record = session.get();
    Instant now = clock.instant();
    long sinceDose = minutesSince(record.latestDose(), record, now);
    long monitored = minutesSince(record.firstDose(), record, now);
    Answers prefilled = prefilled(record, sinceDose, monitored);
    boolean submitted = "POST".equals(request.getMethod());
    Answers answers = prefilled;
    Refusals refused = Refusals.none();
    Set<String> fromRecord = new LinkedHashSet<>(PREFILLED);
    String entryId = UUID.randomUUID().toString();
    if (submitted) {
      Optional<String> sentEntry = FormSaveAnswer.entryId(request);
      if (sentEntry.isEmpty()) {
        templates.error(response, 400, "The discharge checklist could not be read",
            "The form arrived without the fields KAP Companion needs. Reload the page and save again.");
        return;
      }
      Map<String, List<String>> fields = new HashMap<>();
      request.getParameterMap().forEach((name, values) -> fields.put(name, Arrays.asList(values)));
      FormInput.Parsed parsed = FormInput.parse(form, fields, clock);
      answers = withRecordedMinutes(parsed.answers(), sinceDose, monitored);
      refused = parsed.refused();
      Optional<String> readyProblem = readyToLeaveProblem(answers, record, now);
      if (readyProblem.isPresent()) {
        refused = refused.with(READY_TO_LEAVE, readyProblem.get(), String.join(", ",
            fields.getOrDefault(READY_TO_LEAVE, List.of())));
        answers = answers.with(READY_TO_LEAVE, List.of());
      }
      entryId = sentEntry.get();
      Answers finalAnswers = answers;
      fromRecord.removeIf(linkId -> !finalAnswers.get(linkId).toString().equals(prefilled.get(linkId).toString()));
    }
    GateDecision decision = gate.decide(record.facts(), answers::first, now);
    answers = DischargeCriteria.withCriteria(answers, decision, now.atZone(clock.getZone()));
    List<FormReview.Missing> blockers = DischargeCriteria.blockers(form, answers, decision);
    if (submitted && !partial && blockers.isEmpty() && refused.reasons().isEmpty()
        && discharge(active, record, answers, entryId, now)) {
      response.sendRedirect(active.basePath() + "discharge");
      return;
    }
    FormView view = FormView.of(form, answers, fromRecord, COMPUTED, refused, blockers);
    if (partial) {
      templates.render(response, 200, new DischargeUpdateModel(view, protocol.monitoring().minimumMinutes()));
      return;
    }
    templates.render(response, submitted ? 422 : 200, page(active, view, "running", entryId, banner, submitted));
  }

  private DischargeModel page(ActiveSession active, FormView view, String state, String entryId,
      Optional<PatientRecord> banner, boolean unsaved) {
    return new DischargeModel(active, view, state, entryId, protocol.monitoring().minimumMinutes(),
        banner.orElse(null), clock.getZone().getId(), unsaved);
  }

  /** Why the "ready to leave at" answered is refused: before the session started, or in the future. */
  private Optional<String> readyToLeaveProblem(Answers answers, SessionRecord record, Instant now) {
    return answers.first(READY_TO_LEAVE).filter(DateTimeType.class::isInstance)
        .flatMap(ready -> SessionTime.problem(SessionTime.Moment.READY_TO_LEAVE,
            ((DateTimeType) ready).getValue().toInstant(), record.started(), now, clock.getZone()))
        .map(problem -> "Ready to leave at: " + problem + ".");
  }

  /** Minutes from {@code dose} (the session's start without one) to {@code now}. */
  private static long minutesSince(Optional<Dose> dose, SessionRecord record, Instant now) {
    return Duration.between(dose.map(Dose::effective).orElse(record.started()), now).toMinutes();
  }

  /**
   * The answers with the time since the latest dose (as the gate judges it) and the monitoring time since the first
   * as the record has them, whatever was posted.
   */
  private static Answers withRecordedMinutes(Answers answers, long sinceDose, long monitored) {
    return answers.with(TIME_SINCE_DOSE, List.of(new IntegerType((int) sinceDose)))
        .with(MONITORING_MINUTES, List.<Type>of(new IntegerType((int) monitored)));
  }

  private Answers prefilled(SessionRecord record, long sinceDose, long monitored) {
    Answers answers = withRecordedMinutes(Answers.none(), sinceDose, monitored);
    Optional<Reading> bp = record.readings().stream().filter(r -> r.kind() == ReadingKind.BLOOD_PRESSURE)
        .reduce((first, second) -> second);
    if (bp.isPresent() && bp.get().diastolic().isPresent()) {
      // the checklist's items are whole numbers: a decimal reading from the EHR is left for the therapist to enter
      try {
        answers = answers.with(ItemId.DISCHARGE_SYSTOLIC.linkId(),
                List.of(new IntegerType(bp.get().value().intValueExact())))
            .with(ItemId.DISCHARGE_DIASTOLIC.linkId(),
                List.of(new IntegerType(bp.get().diastolic().get().intValueExact())));
      } catch (ArithmeticException decimal) {
        return answers;
      }
    }
    return answers;
  }

  private boolean discharge(ActiveSession active, SessionRecord record, Answers answers, String entryId,
      Instant now) {
    QuestionnaireResponse checklist = ResponseMapper.toResponse(form, answers, new ResponseMapper.Context(entryId,
        "Patient/" + active.session().context().patientId().orElseThrow(), Optional.of(record.reference()),
        active.session().fhirUser(), Date.from(now), true));
    checklist.getMeta().addProfile(KapUrls.QUESTIONNAIRE_RESPONSE_PROFILE);
    SaveResult saved = entries.save(active, org.kapcompanion.writeback.Entry.create(entryId, "discharge-checklist",
        checklist));
    if (!(saved instanceof SaveResult.Accepted)) {
      return false;
    }
    String finishId = UUID.nameUUIDFromBytes(("finish|" + record.entryId()).getBytes(
        java.nio.charset.StandardCharsets.UTF_8)).toString();
    SaveResult finished = entries.save(active, EntryMapping.finishedSession(finishId, record.encounter(),
        record.reference(), now));
    if (finished instanceof SaveResult.Accepted) {
      reader.remember(active, null, null);
      return true;
    }
    return false;
  }
}
