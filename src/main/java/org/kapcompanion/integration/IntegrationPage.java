package org.kapcompanion.integration;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.writeback.Entry;
import org.kapcompanion.writeback.EntryIdentity;
import org.kapcompanion.writeback.EntrySaver;
import org.kapcompanion.web.Templates;

/**
 * {@code /s/{handle}/integration}: the integration plan of the session — new from the preparation's intentions and
 * the clinic's protocol, or the current plan for editing — and {@code integration/conflict}, where a save that met
 * someone else's newer version is shown beside it for the user to keep theirs or apply theirs plus ours.
 */
public final class IntegrationPage {

  private static final Pattern MULTI_LINE = Pattern.compile("themes|support|goal\\.\\d+\\.(insight|intention)");

  private final PlanReader reader;
  private final PlanSaver saver;
  private final EntrySaver entries;
  private final RecordService records;
  private final ClinicalProtocol protocol;
  private final Templates templates;
  private final Clock clock;

  public IntegrationPage(FhirContext fhir, EntrySaver entries, ExecutorService reads, RecordService records, ClinicalProtocol protocol,
      Templates templates, Clock clock) {
    this.reader = new PlanReader(fhir, entries, reads, clock);
    this.saver = new PlanSaver(entries, clock);
    this.entries = entries;
    this.records = records;
    this.protocol = protocol;
    this.templates = templates;
    this.clock = clock;
  }

  /**
   * Whether a field of the plan form is free text, whose value may hold line breaks and tabs: the themes, the support
   * network, and each goal's insight and the intention it carries.
   */
  public static boolean isMultiLine(String field) {
    return MULTI_LINE.matcher(field).matches();
  }

  /** The pages keyed by their path under {@code /s/{handle}/}. */
  public Map<String, SessionPage> pages() {
    return Map.of("integration", SessionPage.needingPatient(this::plan),
        "integration/conflict", SessionPage.needingPatient(this::conflict));
  }

  private void plan(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean saving = "POST".equals(request.getMethod());
    if (saving && entryOf(request).isEmpty()) {
      templates.error(response, 400, "The plan could not be read",
          "The form arrived without the fields KAP Companion needs. Reload the page and save the plan again.");
      return;
    }
    PlanReader.Start start = reader.read(active);
    if (saving) {
      save(active, request, response, start);
      return;
    }
    Optional<PlanReader.Loaded> loaded = start.plan();
    IntegrationPlan plan = loaded.map(PlanReader.Loaded::plan).orElseGet(() -> PlanDefaults.of(start.intentions(),
        start.supportPerson(), start.ptsd(), protocol, start.sessionDate(), clock.getZone()));
    List<String> saved = Optional.ofNullable(request.getParameter("saved")).map(s -> Arrays.asList(s.split(",")))
        .orElse(List.of());
    render(active, response, 200, start, plan, loaded.map(PlanReader.Loaded::existing), Map.of(), saved);
  }

  private void save(ActiveSession active, HttpServletRequest request, HttpServletResponse response,
      PlanReader.Start start) throws IOException {
    PlanForm.Parsed parsed = PlanForm.parse(fields(request), PlanDefaults.crisisContacts(protocol.clinic()),
        LocalDate.now(clock), known(start));
    String entryId = entryOf(request).orElseThrow();
    Map<String, String> problems = new HashMap<>(parsed.problems());
    if (active.session().fhirUser().isEmpty()) {
      problems.put("author", "The EHR did not say who you are (no fhirUser), so the plan has no author: launch again "
          + "or ask your EHR administrator");
    }
    Optional<PlanReader.Current> newer = problems.isEmpty() ? newerInTheEhr(active, parsed, start) : Optional.empty();
    if (newer.isPresent()) {
      showConflictBeforeSaving(active, request, response, parsed.plan(), newer.get(), start.sessionDate());
      return;
    }
    if (problems.isEmpty()) {
      PlanSaver.Outcome outcome = saver.save(active, parsed.plan(), parsed.existingPlan(), start, entryId);
      if (outcome instanceof PlanSaver.Outcome.Saved saved) {
        response.sendRedirect(active.basePath() + "integration?saved=" + String.join(",", saved.entryIds()));
        return;
      }
      ((PlanSaver.Outcome.Invalid) outcome).problems().forEach(p -> problems.put(p.location(), p.message()));
    }
    render(active, response, 422, start, parsed.plan(), parsed.existingPlan(), problems, List.of());
  }

  private void render(ActiveSession active, HttpServletResponse response, int status, PlanReader.Start start,
      IntegrationPlan plan, Optional<IntegrationPlan.Existing> existing, Map<String, String> problems,
      List<String> saved) throws IOException {
    templates.render(response, status, new PlanModel(active, records.banner(active).orElse(null),
        PlanView.of(plan, existing, start, UUID.randomUUID().toString(), problems, saved,
            protocol.course().remeasureEveryDays())));
  }

  private void conflict(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String entryId = Optional.ofNullable(request.getParameter("entry")).orElse("");
    Optional<Entry> ours = entries.failed(active, entryId)
        .filter(e -> e.target() instanceof CarePlan && e.update().isPresent());
    if (ours.isEmpty()) {
      response.sendRedirect(active.basePath() + "integration");
      return;
    }
    String reference = ours.get().update().get().reference();
    Optional<PlanReader.Current> theirs = reader.current(active, reference);
    if (theirs.isEmpty()) {
      response.sendRedirect(active.basePath() + "integration");
      return;
    }
    CarePlan ourPlan = (CarePlan) ours.get().target();
    IntegrationPlan mine = PlanMapping.fromResources(ourPlan, ourGoals(active, theirs.get()));
    LocalDate sessionDate = LocalDate.parse(ourPlan.getPeriod().getStartElement().getValueAsString()
        .substring(0, 10));
    if ("POST".equals(request.getMethod())) {
      resolve(active, request, response, ours.get(), mine, theirs.get(), sessionDate);
      return;
    }
    templates.render(response, 200, new ConflictModel(active, records.banner(active).orElse(null), entryId,
        UUID.randomUUID().toString(), PlanSection.of(PlanText.lines(theirs.get().loaded().plan(), sessionDate)),
        PlanSection.of(PlanText.lines(mine, sessionDate)), theirs.get().loaded().existing().version().orElse("?"),
        null));
  }

  /**
   * The plan as the EHR holds it now when that is a newer version than the one the form edited: the save would be
   * refused (409) after its goals were written, so nothing is saved and both versions are shown instead.
   */
  private Optional<PlanReader.Current> newerInTheEhr(ActiveSession active, PlanForm.Parsed parsed,
      PlanReader.Start start) {
    Optional<IntegrationPlan.Existing> edited = parsed.existingPlan();
    Optional<String> seen = start.plan().map(loaded -> loaded.existing())
        .filter(existing -> edited.isPresent() && existing.reference().equals(edited.get().reference()))
        .flatMap(IntegrationPlan.Existing::version);
    if (edited.isEmpty() || seen.isEmpty() || seen.equals(edited.get().version())) {
      return Optional.empty();
    }
    return reader.current(active, edited.get().reference())
        .filter(current -> !current.loaded().existing().version().equals(edited.get().version()));
  }

  /**
   * Both versions side by side, nothing saved: "keep theirs" reloads the plan; "apply mine" sends the same form again
   * as an edit of their version (the plan's and each goal's current version).
   */
  private void showConflictBeforeSaving(ActiveSession active, HttpServletRequest request,
      HttpServletResponse response, IntegrationPlan mine, PlanReader.Current theirs, LocalDate sessionDate)
      throws IOException {
    PlanReader.Loaded current = theirs.loaded();
    List<Map.Entry<String, String>> resubmit = new java.util.ArrayList<>();
    request.getParameterMap().forEach((name, values) -> {
      for (String value : values) {
        if (!name.equals("csrf")) {
          resubmit.add(Map.entry(name, currentVersion(name, value, request, theirs)));
        }
      }
    });
    templates.render(response, 409, new ConflictModel(active, records.banner(active).orElse(null), "", "",
        PlanSection.of(PlanText.lines(current.plan(), sessionDate)), PlanSection.of(PlanText.lines(mine, sessionDate)),
        current.existing().version().orElse("?"), resubmit));
  }

  /** A form field with the plan's or a goal's version replaced by the version the EHR holds now. */
  private static String currentVersion(String name, String value, HttpServletRequest request,
      PlanReader.Current theirs) {
    if (name.equals("plan.version")) {
      return theirs.loaded().existing().version().orElse(value);
    }
    if (name.startsWith("goal.") && name.endsWith(".version")) {
      String reference = request.getParameter(name.substring(0, name.length() - "version".length()) + "ref");
      return Optional.ofNullable(reference).map(theirs.goals()::get)
          .flatMap(goal -> PlanMapping.existing(goal, goal.getIdentifier()).version()).orElse(value);
    }
    return value;
  }

  /**
   * The user's choice: "keep theirs" gives up this save's failed entries; "apply mine" gives them up too and saves
   * our plan again as an update of their current versions.
   */
  private void resolve(ActiveSession active, HttpServletRequest request, HttpServletResponse response, Entry ours,
      IntegrationPlan mine, PlanReader.Current theirs, LocalDate sessionDate) throws IOException {
    String choice = Optional.ofNullable(request.getParameter("choice")).orElse("");
    if (!choice.equals("keep-theirs") && !choice.equals("apply-mine")) {
      response.sendError(400);
      return;
    }
    entries.discardFailed(active, ours.entryId());
    for (int i = 0; i < ((CarePlan) ours.target()).getGoal().size(); i++) {
      entries.discardFailed(active, PlanSaver.goalUpdateId(ours.entryId(), i));
    }
    if (choice.equals("keep-theirs")) {
      response.sendRedirect(active.basePath() + "integration");
      return;
    }
    PlanReader.Loaded current = theirs.loaded();
    IntegrationPlan onTheirs = theirs.rebase(mine);
    CarePlan ourPlan = (CarePlan) ours.target();
    PlanReader.Start start = new PlanReader.Start(Optional.empty(), Optional.empty(), false,
        Optional.ofNullable(ourPlan.getEncounter().getReference()), sessionDate, Optional.of(current), false);
    String entryId = Optional.ofNullable(request.getParameter("entry-new")).filter(IntegrationPage::isUuid)
        .orElse(UUID.randomUUID().toString());
    PlanSaver.Outcome outcome = saver.save(active, onTheirs, Optional.of(current.existing()), start, entryId);
    String saved = outcome instanceof PlanSaver.Outcome.Saved s ? String.join(",", s.entryIds()) : "";
    response.sendRedirect(active.basePath() + "integration?saved=" + saved);
  }

  /** Goals by reference as our save has them: ours where our update is still unsent, else the EHR's current one. */
  private Function<String, Optional<Goal>> ourGoals(ActiveSession active,
      PlanReader.Current theirs) {
    List<Goal> unsent = entries.unsent(active, Set.of(ResourceType.Goal)).stream().map(Goal.class::cast)
        .toList();
    return reference -> Optional.ofNullable(theirs.goals().get(reference)).map(current -> unsent.stream()
        .filter(g -> sameIdentifier(g, current)).reduce((a, b) -> b).map(g -> withId(g, current)).orElse(current));
  }

  private static boolean sameIdentifier(Goal a, Goal b) {
    return a.getIdentifier().stream().map(Identifier::getValue).anyMatch(v -> b.getIdentifier().stream()
        .anyMatch(i -> EntryIdentity.SYSTEM.equals(i.getSystem()) && v.equals(i.getValue())));
  }

  private static Goal withId(Goal ours, Resource current) {
    Goal copy = ours.copy();
    copy.setId(current.getIdElement());
    copy.setMeta(current.getMeta().copy());
    return copy;
  }

  /** The plan and goals read for this patient's plan (reference → entry id): the only ones a form may edit. */
  private static Map<String, String> known(PlanReader.Start start) {
    Map<String, String> known = new HashMap<>();
    start.plan().ifPresent(loaded -> {
      known.put(loaded.existing().reference(), loaded.existing().entryId());
      loaded.plan().goals().forEach(goal -> goal.existing().ifPresent(e -> known.put(e.reference(), e.entryId())));
    });
    return known;
  }

  /** The entry id the plan form carries, made once per page so a resent save is the same save. */
  private static Optional<String> entryOf(HttpServletRequest request) {
    return Optional.ofNullable(request.getParameter("entry")).filter(IntegrationPage::isUuid);
  }

  private static boolean isUuid(String value) {
    try {
      return UUID.fromString(value).toString().equals(value);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Map<String, List<String>> fields(HttpServletRequest request) {
    Map<String, List<String>> fields = new HashMap<>();
    request.getParameterMap().forEach((name, values) -> fields.put(name, Arrays.asList(values)));
    return fields;
  }
}
