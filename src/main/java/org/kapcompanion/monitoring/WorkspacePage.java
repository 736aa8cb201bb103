package org.kapcompanion.monitoring;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.kapcompanion.predose.PredoseReadiness;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.gates.SessionTime;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.recorded.Alert;
import org.kapcompanion.recorded.AlertEvaluation;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.web.InvalidValue;
import org.kapcompanion.web.JsonAnswer;
import org.kapcompanion.web.JsonBody;
import org.kapcompanion.web.Templates;
import org.kapcompanion.writeback.CheckedSave;
import org.kapcompanion.writeback.Entry;
import org.kapcompanion.writeback.EntrySaver;
import org.kapcompanion.writeback.SaveResult;
import org.kapcompanion.writeback.ValidationProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dosing and monitoring workspace: {@code session} (page, or its live part), {@code session/start},
 * {@code session/entries} (JSON saves of dose, readings, adverse events and notes) and the {@code notes} page.
 * Saving a reading evaluates the alert rules over the session's readings and writes a Flag per new alert episode
 * (once: its entry id is derived from the episode); rendering the session only shows them.
 */
final class WorkspacePage {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspacePage.class);

  /** A running session's checklist state: it was complete when the session started. */
  private static final PredoseReadiness.Status READY = new PredoseReadiness.Status(true, List.of());

  private final DosingSessionReader reader;
  private final EntrySaver entries;
  private final RecordService records;
  private final ClinicalProtocol protocol;
  private final List<QuickTag> tags;
  private final Templates templates;
  private final Clock clock;

  WorkspacePage(DosingSessionReader reader, EntrySaver entries, RecordService records, ClinicalProtocol protocol,
      List<QuickTag> tags, Templates templates, Clock clock) {
    this.reader = reader;
    this.entries = entries;
    this.records = records;
    this.protocol = protocol;
    this.tags = List.copyOf(tags);
    this.templates = templates;
    this.clock = clock;
  }

  Map<String, SessionPage> pages() {
    return Map.of("session", SessionPage.patientView(this::page),
        "session/start", SessionPage.patientAction(this::start),
        "session/entries", SessionPage.takingJson(SessionPage.patientAction(this::save)),
        "notes", SessionPage.patientView(this::notes));
  }

  private void page(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    DosingSessionReader.Today today = reader.begin(active);
    boolean live = "live".equals(request.getParameter("part"));
    PatientRecord banner = live ? null : records.banner(active).orElse(null);
    Workspace workspace = workspace(active, today);
    if (live) {
      templates.render(response, 200, new LiveModel(active, workspace));
      return;
    }
    templates.render(response, 200, new WorkspaceModel(active, workspace, tags, protocol, banner,
        clock.getZone().getId()));
  }

  private Workspace workspace(ActiveSession active, DosingSessionReader.Today today) {
    Optional<SessionRecord> session = today.session().filter(s -> !s.finished());
    if (session.isEmpty()) {
      Optional<String> underWay = StartsUnderWay.of(entries.undelivered(active, ResourceType.Encounter),
          clock.instant(), clock.getZone()).stream().findFirst()
          .map(started -> SessionRecord.clockTime(started, clock.getZone()));
      return new Workspace(false, today.predose(), underWay, List.of(), "", "", 0, Optional.empty(), List.of(),
          List.of(), "{}");
    }
    SessionRecord record = session.get();
    List<Alert> alerts = openAlerts(record);
    Instant now = clock.instant();
    Optional<Dose> dose = record.firstDose();
    long minutes = dose.map(d -> Duration.between(d.effective(), now).toMinutes()).orElse(0L);
    List<Instant> given = record.facts().doses().stream().map(Dose::effective).toList();
    Optional<NextCheck> next = dose.map(d -> MonitoringSchedule.next(protocol.monitoring(), given, record.readings(),
        now, clock.getZone()));
    List<Workspace.GivenDose> doses = record.facts().doses().stream().map(d -> new Workspace.GivenDose(d.entryId(),
        SessionRecord.clockTime(d.effective(), clock.getZone()), SessionRecord.doseLine(d))).toList();
    return new Workspace(true, READY, Optional.empty(), doses, record.facts().doseTotal(),
        dose.map(d -> d.effective().toString()).orElse(""), minutes, next, alerts, record.timeline(),
        VitalsChart.json(record.readings(), given, dose.map(Dose::effective).orElse(record.started()),
            protocol.alertRules()));
  }

  /**
   * Starts today's dosing session when the pre-dose checklist lets it and none runs: neither in the EHR nor on its way
   * there in any user's outbox (started in another tab, by a colleague, or on another node). The start is checked and
   * stored one start of a patient at a time on every node, so starts sent at once make one session; the checklist is
   * then recorded in it. Either way the page shows the session.
   */
  private void start(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    DosingSessionReader.Today today = reader.begin(active);
    boolean running = today.session().filter(s -> !s.finished()).isPresent();
    if (!running && today.predose().canStart()) {
      String entryId = UUID.randomUUID().toString();
      Instant started = clock.instant();
      CheckedSave<String> saved = entries.saveChecked(active, EntryMapping.startedSession(entryId,
              subject(active, Optional.empty()), active.session().context().encounterId(), started),
          ResourceType.Encounter, undelivered -> startRefusal(active, undelivered));
      if (saved instanceof CheckedSave.Refused<String> refused) {
        LOG.info("dosing session not started: {}", refused.reason());
      } else if (((CheckedSave.Saved<String>) saved).result() instanceof SaveResult.Accepted) {
        reader.remember(active, "urn:uuid:" + entryId, started);
        today.latestPredose().ifPresent(checklist -> entries.save(active,
            EntryMapping.predoseInSession(checklist, entryId)));
      }
    }
    response.sendRedirect(active.basePath() + "session");
  }

  /**
   * Why a session must not start, given every user's undelivered Encounters of the patient: a session started today
   * is on its way to the EHR, or the EHR (read again now, after the outbox) shows today's session running.
   */
  private Optional<String> startRefusal(ActiveSession active, List<Resource> undelivered) {
    if (!StartsUnderWay.of(undelivered, clock.instant(), clock.getZone()).isEmpty()) {
      return Optional.of("a session started today has not reached the EHR yet");
    }
    return reader.runsNow(active) ? Optional.of("today's session is running") : Optional.empty();
  }

  private void save(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonObject body = JsonBody.read(request, Set.of(EntryRequest.TEXT));
    Entry entry;
    Set<String> knownDoses;
    try {
      entry = entry(active, body);
      knownDoses = EntryRequest.knownDoses(body);
    } catch (IllegalArgumentException e) {
      JsonObject refused = JsonAnswer.error("Not saved: " + e.getMessage());
      if (e instanceof InvalidValue.Refused invalid) {
        refused.addProperty("field", invalid.invalid().field());
      }
      JsonAnswer.send(response, 400, refused);
      return;
    }
    Optional<SaveResult> saved = EntryMapping.DOSE_KIND.equals(entry.kind())
        ? saveDose(active, entry, knownDoses, response) : Optional.of(entries.save(active, entry));
    if (saved.isEmpty()) {
      return;
    }
    SaveResult result = saved.get();
    if (result instanceof SaveResult.Accepted && entry.kind().startsWith(EntryMapping.READING_KIND)) {
      raiseAlerts(active);
    }
    if (result instanceof SaveResult.Invalid invalid) {
      JsonObject answer = JsonAnswer.error("the entry was not saved: fix what is listed and save again");
      answer.addProperty("id", entry.entryId());
      JsonArray list = new JsonArray();
      for (ValidationProblem problem : invalid.problems()) {
        JsonObject item = new JsonObject();
        item.addProperty("message", problem.message());
        item.addProperty("location", problem.location());
        list.add(item);
      }
      answer.add("problems", list);
      JsonAnswer.send(response, 422, answer);
      return;
    }
    JsonObject accepted = new JsonObject();
    accepted.addProperty("id", entry.entryId());
    accepted.addProperty("state", "pending");
    JsonAnswer.send(response, 200, accepted);
  }

  /**
   * Saves a dose unless the session holds doses the page that sent it did not show ({@code known}): then nothing is
   * saved and the answer (409) lists them, until the page sends the dose again knowing them (the clinician confirmed a
   * further dose). The session's doses are those in the EHR and every user's not yet delivered, checked and saved one
   * dose of a patient at a time on every node, so two pages cannot both pass the check. When the session's doses
   * cannot be read, nothing is saved either: the page keeps the dose and sends it again.
   */
  private Optional<SaveResult> saveDose(ActiveSession active, Entry entry, Set<String> known,
      HttpServletResponse response) throws IOException {
    CheckedSave<List<Dose>> saved;
    try {
      saved = entries.saveChecked(active, entry, ResourceType.MedicationAdministration,
          undelivered -> Optional.of(DosesSince.unknown(reader.today(active)
                  .map(record -> DosesSince.ofSession(record, undelivered)).orElse(List.of()), known, entry.entryId()))
              .filter(since -> !since.isEmpty()));
    } catch (BaseServerResponseException e) {
      LOG.warn("the session's doses are not readable to check a dose: {}", e.getClass().getName());
      JsonAnswer.send(response, 503, JsonAnswer.error("Not saved yet: the doses already recorded in this session "
          + "could not be read from the EHR to check this one against. It is kept on this page and sent again."));
      return Optional.empty();
    }
    if (saved instanceof CheckedSave.Refused<List<Dose>> refused) {
      JsonAnswer.send(response, 409, DosesSince.answer(entry.entryId(), refused.reason(), clock.getZone()));
      return Optional.empty();
    }
    return Optional.of(((CheckedSave.Saved<List<Dose>>) saved).result());
  }

  /**
   * Writes a Flag for each alert episode of the running session not yet recorded, right after the reading that
   * raised it was saved. An episode's Flag is written once: its entry id is derived from the episode.
   */
  private void raiseAlerts(ActiveSession active) {
    Optional<SessionRecord> running = reader.today(active).filter(s -> !s.finished());
    running.ifPresent(record -> {
      SessionSubject subject = subject(active, Optional.of(new Reference(record.reference())));
      AlertEvaluation.evaluate(protocol.alertRules(), record.readings()).stream()
          .filter(alert -> !record.holds(alert.entryId(record.entryId())))
          .forEach(alert -> entries.save(active, EntryMapping.flag(alert, record.entryId(), subject)));
    });
  }

  /**
   * The entry the page sent; a note taken without a running dosing session refers to the launch encounter. Its time
   * is within the session's {@link EntryRequest.Window}.
   */
  private Entry entry(ActiveSession active, JsonObject body) {
    String kind = EntryRequest.kind(body);
    Optional<DosingSessionReader.Running> running = reader.running(active);
    EntryRequest.Window window = EntryRequest.Window.of(running.map(DosingSessionReader.Running::started),
        clock.instant(), clock.getZone());
    if ("note".equals(kind)) {
      Optional<Reference> encounter = running.map(DosingSessionReader.Running::reference)
          .or(() -> active.session().context().encounterId().map(id -> new Reference("Encounter/" + id)));
      return NoteMapping.entry(EntryRequest.note(body, tags, window), subject(active, encounter), tags);
    }
    DosingSessionReader.Running session = running.orElseThrow(
        () -> new IllegalArgumentException("no dosing session is running: start it first"));
    SessionSubject subject = subject(active, Optional.of(session.reference()));
    if ("dose".equals(kind)) {
      Dose dose = EntryRequest.dose(body, window);
      SessionTime.problem(SessionTime.Moment.DOSE, dose.effective(), session.started(), clock.instant(),
          clock.getZone()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
          });
      return EntryMapping.dose(dose, subject);
    }
    if ("adverse-event".equals(kind)) {
      return EntryMapping.adverseEvent(EntryRequest.adverseEvent(body, window), subject);
    }
    return EntryMapping.reading(EntryRequest.reading(body, window), subject);
  }

  private void notes(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    DosingSessionReader.Today today = reader.begin(active);
    PatientRecord banner = records.banner(active).orElse(null);
    NotesModel.Alerts alerts;
    try {
      alerts = new NotesModel.Alerts(today.session().filter(s -> !s.finished()).map(this::openAlerts)
          .orElse(List.of()), true);
    } catch (BaseServerResponseException e) {
      LOG.warn("open alerts not readable for the notes page: {}", e.getClass().getName());
      alerts = new NotesModel.Alerts(List.of(), false);
    }
    templates.render(response, 200, new NotesModel(active, tags, banner, clock.getZone().getId(), alerts));
  }

  /** The running session's alert episodes not yet acknowledged, earliest first. */
  private List<Alert> openAlerts(SessionRecord record) {
    return AlertAcknowledgement.unacknowledged(AlertEvaluation.evaluate(protocol.alertRules(), record.readings()),
        record);
  }

  static SessionSubject subject(ActiveSession active, Optional<Reference> encounter) {
    return new SessionSubject(active.session().context().patientId().orElseThrow(), encounter,
        active.session().fhirUser());
  }
}
