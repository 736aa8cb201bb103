package org.kapcompanion.integration;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.DateClientParam;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.kapcompanion.forms.FormCatalog;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.EhrClients;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.SessionType;
import org.kapcompanion.writeback.EntryIdentity;
import org.kapcompanion.writeback.EntrySaver;

/**
 * Reads what the integration plan builds on, in one parallel round: the intentions of the latest preparation
 * QuestionnaireResponse, today's dosing session (else the launch encounter), and the patient's current integration
 * plan with its Goals and versions — merged with the entries of this user the EHR has not confirmed yet.
 */
final class PlanReader {

  /** The unsent entries the plan builds on: preparation answers, today's session, plans and their Goals. */
  private static final Set<ResourceType> UNSENT = Set.of(ResourceType.QuestionnaireResponse,
      ResourceType.Encounter, ResourceType.CarePlan, ResourceType.Goal);

  private final FhirContext fhir;
  private final EntrySaver entries;
  private final ExecutorService reads;
  private final Clock clock;

  PlanReader(FhirContext fhir, EntrySaver entries, ExecutorService reads, Clock clock) {
    this.fhir = fhir;
    this.entries = entries;
    this.reads = reads;
    this.clock = clock;
  }

  /**
   * What the page starts from.
   *
   * @param intentions the intentions text of the latest preparation, empty when there is none
   * @param supportPerson the support person named in the latest preparation, empty when there is none
   * @param ptsd whether post-traumatic stress disorder is on the problem list (PCL-5 is then re-measured)
   * @param encounter the dosing session (EHR reference or the app's {@code urn:uuid}) or the launch encounter
   * @param sessionDate the date of that session (today when there is none)
   * @param plan the plan of this session as the EHR holds it, with its version, empty when there is none yet
   * @param waiting true when this user's last save of a plan has not reached the EHR yet
   */
  record Start(Optional<String> intentions, Optional<String> supportPerson, boolean ptsd, Optional<String> encounter,
      LocalDate sessionDate,
      Optional<Loaded> plan, boolean waiting) {}

  /** A plan read from the EHR, with what an update needs. */
  record Loaded(IntegrationPlan plan, IntegrationPlan.Existing existing) {}

  Start read(ActiveSession active) {
    String patientId = active.session().context().patientId().orElseThrow();
    IGenericClient client = EhrClients.forSession(fhir, active);
    ZoneId zone = clock.getZone();
    LocalDate today = LocalDate.now(clock);
    CompletableFuture<Bundle> responses = CompletableFuture.supplyAsync(() -> client.search()
        .forResource(QuestionnaireResponse.class).where(new ReferenceClientParam("patient").hasId(patientId))
        .sort().descending("authored").count(50).returnBundle(Bundle.class).execute(), reads);
    CompletableFuture<Bundle> sessions = CompletableFuture.supplyAsync(() -> client.search()
        .forResource(Encounter.class).where(new ReferenceClientParam("patient").hasId(patientId))
        .and(new TokenClientParam("type").exactly().systemAndCode(KapUrls.SESSION_TYPES, SessionType.DOSING.value()))
        .and(new DateClientParam("date").afterOrEquals().day(today.toString()))
        .returnBundle(Bundle.class).execute(), reads);
    CompletableFuture<Bundle> plans = CompletableFuture.supplyAsync(() -> client.search()
        .forResource(CarePlan.class).where(new ReferenceClientParam("patient").hasId(patientId))
        .include(CarePlan.INCLUDE_GOAL).sort().descending("_lastUpdated").count(20)
        .returnBundle(Bundle.class).execute(), reads);
    CompletableFuture<Boolean> ptsd = CompletableFuture.supplyAsync(() -> hasPtsd(client, patientId), reads);
    List<Resource> unsent = entries.unsent(active, UNSENT);
    List<Resource> read = resources(responses.join());
    Optional<String> intentions = latestAnswer(read, unsent, "intentions");
    Optional<String> supportPerson = latestAnswer(read, unsent, "support-person");
    Optional<Encounter> session = todaysSession(resources(sessions.join()), unsent, today, zone);
    Optional<String> encounter = session.map(PlanReader::referenceTo)
        .or(() -> active.session().context().encounterId().map(id -> "Encounter/" + id));
    LocalDate sessionDate = session.filter(Encounter::hasPeriod).map(e -> e.getPeriod().getStart())
        .map(d -> d.toInstant().atZone(zone).toLocalDate()).orElse(today);
    boolean waiting = unsent.stream().anyMatch(r -> r instanceof CarePlan || r instanceof Goal);
    return new Start(intentions, supportPerson, ptsd.join(), encounter, sessionDate,
        currentPlan(resources(plans.join()), encounter), waiting);
  }

  /** Whether an active PTSD condition is on the problem list; a failed read counts as not known (PCL-5 not added). */
  private static boolean hasPtsd(IGenericClient client, String patientId) {
    try {
      return resources(client.search().forResource(Condition.class)
          .where(new ReferenceClientParam("patient").hasId(patientId)).count(200).returnBundle(Bundle.class)
          .execute()).stream().filter(Condition.class::isInstance).map(Condition.class::cast)
          .anyMatch(PlanDefaults::isPtsd);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Optional<String> latestAnswer(List<Resource> read, List<Resource> unsent, String linkId) {
    List<QuestionnaireResponse> responses = new ArrayList<>();
    for (List<Resource> source : List.of(read, unsent)) {
      source.stream().filter(QuestionnaireResponse.class::isInstance).map(QuestionnaireResponse.class::cast)
          .filter(r -> FormCatalog.PREPARATION.equals(r.getQuestionnaire()) && r.hasAuthored())
          .forEach(responses::add);
    }
    return responses.stream().max(Comparator.comparing(QuestionnaireResponse::getAuthored))
        .flatMap(r -> r.getItem().stream().filter(i -> linkId.equals(i.getLinkId())).findFirst())
        .flatMap(i -> i.getAnswer().stream().findFirst())
        .map(a -> a.getValue().primitiveValue()).filter(s -> !s.isBlank());
  }

  private static Optional<Encounter> todaysSession(List<Resource> read, List<Resource> unsent, LocalDate today,
      ZoneId zone) {
    List<Encounter> candidates = new ArrayList<>();
    read.stream().filter(Encounter.class::isInstance).map(Encounter.class::cast).forEach(candidates::add);
    unsent.stream().filter(Encounter.class::isInstance).map(Encounter.class::cast)
        .filter(e -> e.getType().stream().anyMatch(t -> t.hasCoding(KapUrls.SESSION_TYPES, SessionType.DOSING.value())))
        .filter(e -> e.hasPeriod() && e.getPeriod().hasStart()
            && e.getPeriod().getStart().toInstant().atZone(zone).toLocalDate().equals(today))
        .forEach(candidates::add);
    return candidates.stream().filter(e -> e.hasPeriod() && e.getPeriod().hasStart())
        .max(Comparator.comparing(e -> e.getPeriod().getStart()));
  }

  /** The EHR reference of a read resource, or the app's {@code urn:uuid} of one still in the outbox. */
  private static String referenceTo(Encounter encounter) {
    if (encounter.getIdElement().hasIdPart()) {
      return "Encounter/" + encounter.getIdElement().getIdPart();
    }
    return encounter.getIdentifier().stream().filter(i -> EntryIdentity.SYSTEM.equals(i.getSystem())).findFirst()
        .map(i -> EntryIdentity.reference(i.getValue()).getReference()).orElse("");
  }

  /** The newest integration plan of this session's encounter, with its Goals. */
  private static Optional<Loaded> currentPlan(List<Resource> read, Optional<String> encounter) {
    Map<String, Goal> goals = goalsOf(read);
    return read.stream().filter(CarePlan.class::isInstance).map(CarePlan.class::cast)
        .filter(p -> p.getMeta().hasProfile(PlanMapping.PLAN_PROFILE))
        .filter(p -> encounter.isPresent() && encounter.get().equals(p.getEncounter().getReference()))
        .findFirst().map(p -> new Current(p, goals).loaded());
  }

  /** A plan as the EHR holds it now, with the Goals it refers to, by reference. */
  record Current(CarePlan carePlan, Map<String, Goal> goals) {

    Loaded loaded() {
      return new Loaded(PlanMapping.fromResources(carePlan, ref -> Optional.ofNullable(goals.get(ref))),
          PlanMapping.existing(carePlan, carePlan.getIdentifier()));
    }

    /** {@code ours} with each goal it edits set to this current version, so saving it updates what is there now. */
    IntegrationPlan rebase(IntegrationPlan ours) {
      List<IntegrationPlan.GoalLine> goalLines = ours.goals().stream().map(line -> new IntegrationPlan.GoalLine(
          line.intention(), line.insight(), line.goal(), line.target(), line.existing()
              .map(e -> Optional.ofNullable(goals.get(e.reference())).map(g -> PlanMapping.existing(g,
                  g.getIdentifier())).orElse(e)))).toList();
      return new IntegrationPlan(goalLines, ours.practices(), ours.themes(), ours.supportNetwork(),
          ours.followUps(), ours.measures(), ours.crisisContacts());
    }
  }

  /** The current version of the plan at {@code reference} with its Goals, read from the EHR past any cache. */
  Optional<Current> current(ActiveSession active, String reference) {
    IGenericClient client = EhrClients.forSession(fhir, active);
    Bundle bundle = client.search().forResource(CarePlan.class)
        .where(new TokenClientParam("_id").exactly().code(reference.substring(reference.indexOf('/') + 1)))
        .and(new ReferenceClientParam("patient").hasId(active.session().context().patientId().orElseThrow()))
        .include(CarePlan.INCLUDE_GOAL).cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute();
    List<Resource> read = resources(bundle);
    return read.stream().filter(CarePlan.class::isInstance).map(CarePlan.class::cast).findFirst()
        .map(p -> new Current(p, goalsOf(read)));
  }

  private static Map<String, Goal> goalsOf(List<Resource> read) {
    Map<String, Goal> goals = new HashMap<>();
    read.stream().filter(Goal.class::isInstance).map(Goal.class::cast)
        .forEach(g -> goals.put("Goal/" + g.getIdElement().getIdPart(), g));
    return goals;
  }

  private static List<Resource> resources(Bundle bundle) {
    return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
  }
}
