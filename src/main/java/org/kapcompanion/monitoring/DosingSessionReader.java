package org.kapcompanion.monitoring;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IQuery;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.kapcompanion.forms.FormResponses;
import org.kapcompanion.predose.PredoseReadiness;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.EhrClients;
import org.kapcompanion.recorded.SessionDecoder;
import org.kapcompanion.recorded.SessionReference;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.writeback.EntrySaver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads today's dosing session of the patient back from the EHR and the unsent entries, so a relaunch finds a
 * running session again, and tells whether today's pre-dose checklist lets one start. Every search is by patient and
 * day, so all of them go out in one parallel round.
 */
public final class DosingSessionReader {

  private static final Logger LOG = LoggerFactory.getLogger(DosingSessionReader.class);
  private static final CacheControlDirective NO_CACHE = new CacheControlDirective().setNoCache(true);
  /** The unsent entries a session's record is made of: the session itself, what was recorded in it, its checklists. */
  private static final Set<ResourceType> RECORDED = Set.of(ResourceType.Encounter, ResourceType.Observation,
      ResourceType.MedicationAdministration, ResourceType.Flag, ResourceType.QuestionnaireResponse);
  /** The unsent entries that tell whether a session runs: the session itself. */
  private static final Set<ResourceType> SESSIONS = Set.of(ResourceType.Encounter);

  private final FhirContext fhir;
  private final EntrySaver entries;
  private final PredoseReadiness readiness;
  private final ExecutorService reads;
  private final Clock clock;
  /** The running session per launch handle, so a save does not search the EHR first. */
  private final Map<String, Running> running = new ConcurrentHashMap<>();

  /** The running dosing session as entries refer to it: its reference and when it started. */
  record Running(Reference reference, Instant started) {}

  /** Today's latest dosing session and the reference entries use for it (on the EHR, or the entry's URN). */
  private record Latest(Encounter encounter, String reference) {}

  /**
   * @param reads the threads that wait on the EHR, shared by all sessions
   */
  DosingSessionReader(FhirContext fhir, EntrySaver entries, PredoseReadiness readiness, ExecutorService reads,
      Clock clock) {
    this.fhir = fhir;
    this.entries = entries;
    this.readiness = readiness;
    this.reads = reads;
    this.clock = clock;
  }

  /** Today's searches of the patient, under way in parallel; the caller may read something else meanwhile. */
  public final class Today {

    private final ActiveSession active;
    private final IGenericClient client;
    private final List<Resource> unsent;
    private final CompletableFuture<Bundle> sessions;
    private final CompletableFuture<Bundle> responses;
    private final List<CompletableFuture<Bundle>> recorded;

    /**
     * Starts the search for today's dosing sessions and, with {@code withRecord}, those for what was recorded today
     * (readings, doses, flags, forms); without it only {@link #running()} may be asked.
     */
    private Today(ActiveSession active, boolean withRecord) {
      this.active = active;
      this.unsent = entries.unsent(active, withRecord ? RECORDED : SESSIONS);
      this.client = EhrClients.forSession(fhir, active);
      String patient = "Patient/" + active.session().context().patientId().orElseThrow();
      LocalDate today = LocalDate.now(clock);
      this.sessions = search(() -> client.search().forResource(Encounter.class)
          .where(Encounter.PATIENT.hasId(patient))
          .and(Encounter.TYPE.exactly().systemAndCode(KapUrls.SESSION_TYPES, EntryMapping.SESSION_KIND))
          .and(Encounter.DATE.afterOrEquals().day(today.toString())).count(20));
      if (!withRecord) {
        this.responses = CompletableFuture.completedFuture(new Bundle());
        this.recorded = List.of();
        return;
      }
      // from a day early, so a clinic zone behind the EHR's misses nothing; the session or the day is checked later
      String since = today.minusDays(1).toString();
      this.responses = search(() -> client.search().forResource(QuestionnaireResponse.class)
          .where(QuestionnaireResponse.PATIENT.hasId(patient))
          .and(QuestionnaireResponse.AUTHORED.afterOrEquals().day(since)).count(50));
      this.recorded = List.of(
          search(() -> client.search().forResource(Observation.class).where(Observation.PATIENT.hasId(patient))
              .and(Observation.DATE.afterOrEquals().day(since)).count(500)),
          search(() -> client.search().forResource(MedicationAdministration.class)
              .where(MedicationAdministration.PATIENT.hasId(patient))
              .and(MedicationAdministration.EFFECTIVE_TIME.afterOrEquals().day(since)).count(50)),
          search(() -> client.search().forResource(Flag.class).where(Flag.PATIENT.hasId(patient))
              .and(Flag.DATE.afterOrEquals().day(since)).count(100)),
          responses);
    }

    private CompletableFuture<Bundle> search(Supplier<IQuery<IBaseBundle>> query) {
      return CompletableFuture.supplyAsync(() -> EhrClients.everyPage(client,
          query.get().cacheControl(NO_CACHE).returnBundle(Bundle.class).execute()), reads);
    }

    /** Today's dosing session (the latest started), running or finished, with what was recorded in it. */
    public Optional<SessionRecord> session() {
      return latest().map(latest -> {
        String entryId = SessionDecoder.entryId(latest.encounter()).orElseThrow();
        List<Resource> inSession = new ArrayList<>();
        recorded.forEach(search -> inSession.addAll(resources(EhrClients.await(search))));
        inSession.removeIf(r -> !sessionOf(r).filter(latest.reference()::equals).isPresent());
        List<Resource> unsentInSession = unsent.stream()
            .filter(r -> SessionRecord.madeIn(r, latest.reference(), entryId)).toList();
        return remembered(SessionRecord.of(latest.encounter(), latest.reference(), inSession, unsentInSession,
            clock.getZone()));
      });
    }

    /** Today's running dosing session as entries refer to it, without reading what was recorded in it. */
    Optional<Running> running() {
      return latest().map(latest -> remembered(SessionRecord.of(latest.encounter(), latest.reference(), List.of(),
              List.of(), clock.getZone())))
          .filter(record -> !record.finished())
          .map(record -> new Running(new Reference(record.reference()), record.started()));
    }

    /** Today's latest dosing session and the reference entries use for it; none is remembered when there is none. */
    private Optional<Latest> latest() {
      Optional<Encounter> pending = unsent.stream().filter(DosingSessionReader::isDosingSession)
          .map(Encounter.class::cast).reduce((first, second) -> second);
      Optional<Encounter> inEhr = resources(EhrClients.await(sessions)).stream().map(Encounter.class::cast)
          .filter(e -> SessionDecoder.entryId(e).isPresent())
          .max(Comparator.comparing(e -> e.getPeriod().getStart()));
      if (pending.isPresent() && (inEhr.isEmpty() || !sameEntry(pending.get(), inEhr.get())
          || pending.get().getStatus() == Encounter.EncounterStatus.FINISHED)) {
        String reference = inEhr.filter(e -> sameEntry(e, pending.get())).map(e -> "Encounter/" + e.getIdPart())
            .orElse("urn:uuid:" + SessionDecoder.entryId(pending.get()).orElseThrow());
        return Optional.of(new Latest(pending.get(), reference));
      }
      if (inEhr.isPresent()) {
        return Optional.of(new Latest(inEhr.get(), "Encounter/" + inEhr.get().getIdPart()));
      }
      remember(active, null, null);
      return Optional.empty();
    }

    private SessionRecord remembered(SessionRecord record) {
      remember(active, record.finished() ? null : record.reference(), record.started());
      return record;
    }

    /** The latest pre-dose checklist of today, in the EHR or waiting in the outbox. */
    Optional<QuestionnaireResponse> latestPredose() {
      List<Resource> checklists = new ArrayList<>(resources(EhrClients.await(responses)));
      checklists.addAll(unsent);
      return FormResponses.latest(KapUrls.PREDOSE_CHECKLIST, checklists, Optional.of(LocalDate.now(clock)),
          clock.getZone());
    }

    /** Whether the latest pre-dose checklist of today (in the EHR or waiting in the outbox) lets the session start. */
    PredoseReadiness.Status predose() {
      List<Resource> checklists = new ArrayList<>(resources(EhrClients.await(responses)));
      checklists.addAll(unsent);
      return readiness.of(checklists, clock.instant(), session().map(SessionRecord::started));
    }
  }

  /** Starts today's searches of the launch's patient. */
  public Today begin(ActiveSession active) {
    return new Today(active, true);
  }

  /** Today's dosing session (the latest started), running or finished, with what was recorded in it. */
  Optional<SessionRecord> today(ActiveSession active) {
    return begin(active).session();
  }

  /**
   * Whether today's dosing session runs, read now from the EHR and this user's unsent entries rather than remembered:
   * the check of a session start, which must see a start that reached the EHR a moment ago.
   */
  boolean runsNow(ActiveSession active) {
    return new Today(active, false).running().isPresent();
  }

  /** The running dosing session of this launch, as entries refer to it; empty when none, or the EHR cannot say. */
  Optional<Running> running(ActiveSession active) {
    Running known = running.get(active.handle());
    if (known != null) {
      return Optional.of(new Running(new Reference(known.reference().getReference()), known.started()));
    }
    try {
      return new Today(active, false).running();
    } catch (BaseServerResponseException e) {
      LOG.warn("running session not readable from the EHR: {}", e.getClass().getName());
      return Optional.empty();
    }
  }

  /**
   * Notes that this launch started (or finished, {@code reference} null) the session at {@code reference}, started
   * at {@code started}.
   */
  public void remember(ActiveSession active, String reference, Instant started) {
    if (running.size() > 10_000) {
      running.clear();
    }
    if (reference == null) {
      running.remove(active.handle());
    } else {
      running.put(active.handle(), new Running(new Reference(reference), started));
    }
  }

  private static List<Resource> resources(Bundle bundle) {
    return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
  }

  /** Whether {@code resource} is a dosing session's Encounter (started or finished). */
  static boolean isDosingSession(Resource resource) {
    return resource instanceof Encounter encounter && encounter.getTypeFirstRep().getCodingFirstRep().getCode() != null
        && EntryMapping.SESSION_KIND.equals(encounter.getTypeFirstRep().getCodingFirstRep().getCode());
  }

  private static boolean sameEntry(Encounter first, Encounter second) {
    return SessionDecoder.entryId(first).equals(SessionDecoder.entryId(second));
  }

  private static Optional<String> sessionOf(Resource resource) {
    return SessionReference.of(resource).map(Reference::getReference);
  }
}
