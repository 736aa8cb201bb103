package org.kapcompanion.monitoring;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.checklist.FormCatalog;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.launch.EhrClients;
import org.kapcompanion.writeback.EntrySaver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads today's dosing session of the patient back from the EHR and the unsent entries, so a relaunch finds a
 * running session again, and tells whether today's pre-dose checklist is complete.
 */
final class SessionReader {

  private static final Logger LOG = LoggerFactory.getLogger(SessionReader.class);

  private final FhirContext fhir;
  private final EntrySaver entries;
  private final Clock clock;
  /** The running session's reference per launch handle, so a save does not search the EHR first. */
  private final Map<String, String> running = new ConcurrentHashMap<>();

  SessionReader(FhirContext fhir, EntrySaver entries, Clock clock) {
    this.fhir = fhir;
    this.entries = entries;
    this.clock = clock;
  }

  /** Today's dosing session (the latest started), running or finished, with what was recorded in it. */
  Optional<SessionRecord> today(ActiveSession active) {
    String patient = "Patient/" + active.session().context().patientId().orElseThrow();
    IGenericClient client = EhrClients.forSession(fhir, active.session());
    List<Resource> unsent = entries.unsent(active);
    Optional<Encounter> pending = unsent.stream().filter(this::isDosingSession).map(Encounter.class::cast)
        .reduce((first, second) -> second);
    String today = LocalDate.now(clock).toString();
    Bundle found = client.search().forResource(Encounter.class).where(Encounter.PATIENT.hasId(patient))
        .and(Encounter.TYPE.exactly().systemAndCode(EntryMapping.SESSION_TYPES, EntryMapping.SESSION_KIND))
        .and(Encounter.DATE.afterOrEquals().day(today)).count(20)
        .cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute();
    Optional<Encounter> inEhr = found.getEntry().stream().map(e -> (Encounter) e.getResource())
        .filter(e -> SessionRecord.entryId(e).isPresent())
        .max(Comparator.comparing(e -> e.getPeriod().getStart()));
    Encounter encounter;
    String reference;
    if (pending.isPresent() && (inEhr.isEmpty() || !sameEntry(pending.get(), inEhr.get())
        || pending.get().getStatus() == Encounter.EncounterStatus.FINISHED)) {
      encounter = pending.get();
      reference = inEhr.filter(e -> sameEntry(e, pending.get())).map(e -> "Encounter/" + e.getIdPart())
          .orElse("urn:uuid:" + SessionRecord.entryId(pending.get()).orElseThrow());
    } else if (inEhr.isPresent()) {
      encounter = inEhr.get();
      reference = "Encounter/" + encounter.getIdPart();
    } else {
      remember(active, null);
      return Optional.empty();
    }
    String urn = "urn:uuid:" + SessionRecord.entryId(encounter).orElseThrow();
    List<Resource> recorded = reference.startsWith("urn:") ? List.of() : recordedIn(client, patient, reference);
    List<Resource> unsentInSession = unsent.stream()
        .filter(r -> sessionOf(r).filter(s -> s.equals(urn) || s.equals(reference)).isPresent()).toList();
    SessionRecord record = SessionRecord.of(encounter, reference, recorded, unsentInSession,
        clock.getZone());
    remember(active, record.finished() ? null : reference);
    return Optional.of(record);
  }

  /** The running dosing session of this launch, as entries refer to it; empty when none, or the EHR cannot say. */
  Optional<Reference> runningReference(ActiveSession active) {
    String known = running.get(active.handle());
    if (known != null) {
      return Optional.of(new Reference(known));
    }
    try {
      return today(active).filter(s -> !s.finished()).map(s -> new Reference(s.reference()));
    } catch (BaseServerResponseException e) {
      LOG.warn("running session not readable from the EHR: {}", e.getClass().getName());
      return Optional.empty();
    }
  }

  /** Notes that this launch started (or finished, {@code reference} null) the session at {@code reference}. */
  void remember(ActiveSession active, String reference) {
    if (running.size() > 10_000) {
      running.clear();
    }
    if (reference == null) {
      running.remove(active.handle());
    } else {
      running.put(active.handle(), reference);
    }
  }

  /** Whether a completed pre-dose checklist of today is in the EHR or waiting in the outbox. */
  boolean predoseComplete(ActiveSession active) {
    LocalDate today = LocalDate.now(clock);
    boolean unsent = entries.unsent(active).stream().anyMatch(r -> r instanceof QuestionnaireResponse q
        && completedPredose(q, today));
    if (unsent) {
      return true;
    }
    String patient = "Patient/" + active.session().context().patientId().orElseThrow();
    Bundle found = EhrClients.forSession(fhir, active.session()).search().forResource(QuestionnaireResponse.class)
        .where(QuestionnaireResponse.SUBJECT.hasId(patient))
        .and(QuestionnaireResponse.QUESTIONNAIRE.hasId(FormCatalog.PREDOSE_CHECKLIST))
        .and(QuestionnaireResponse.STATUS.exactly().code("completed"))
        .and(QuestionnaireResponse.AUTHORED.afterOrEquals().day(today.minusDays(1).toString())).count(20)
        .cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute();
    return found.getEntry().stream().map(e -> (QuestionnaireResponse) e.getResource())
        .anyMatch(q -> completedPredose(q, today));
  }

  private boolean completedPredose(QuestionnaireResponse response, LocalDate today) {
    return FormCatalog.PREDOSE_CHECKLIST.equals(response.getQuestionnaire())
        && response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
        && response.hasAuthored()
        && response.getAuthored().toInstant().atZone(clock.getZone()).toLocalDate().equals(today);
  }

  private List<Resource> recordedIn(IGenericClient client, String patient, String reference) {
    List<Resource> recorded = new ArrayList<>();
    CacheControlDirective noCache = new CacheControlDirective().setNoCache(true);
    addAll(recorded, client.search().forResource(Observation.class).where(Observation.ENCOUNTER.hasId(reference))
        .and(Observation.PATIENT.hasId(patient))
        .count(500).cacheControl(noCache).returnBundle(Bundle.class).execute());
    addAll(recorded, client.search().forResource(MedicationAdministration.class)
        .where(MedicationAdministration.CONTEXT.hasId(reference))
        .and(MedicationAdministration.PATIENT.hasId(patient)).count(50).cacheControl(noCache)
        .returnBundle(Bundle.class).execute());
    addAll(recorded, client.search().forResource(Flag.class).where(Flag.ENCOUNTER.hasId(reference))
        .and(Flag.PATIENT.hasId(patient)).count(100)
        .cacheControl(noCache).returnBundle(Bundle.class).execute());
    addAll(recorded, client.search().forResource(QuestionnaireResponse.class)
        .where(QuestionnaireResponse.ENCOUNTER.hasId(reference))
        .and(QuestionnaireResponse.PATIENT.hasId(patient)).count(20).cacheControl(noCache)
        .returnBundle(Bundle.class).execute());
    return recorded;
  }

  private static void addAll(List<Resource> into, Bundle bundle) {
    bundle.getEntry().forEach(e -> into.add(e.getResource()));
  }

  private boolean isDosingSession(Resource resource) {
    return resource instanceof Encounter encounter && encounter.getTypeFirstRep().getCodingFirstRep().getCode() != null
        && EntryMapping.SESSION_KIND.equals(encounter.getTypeFirstRep().getCodingFirstRep().getCode());
  }

  private static boolean sameEntry(Encounter first, Encounter second) {
    return SessionRecord.entryId(first).equals(SessionRecord.entryId(second));
  }

  private static Optional<String> sessionOf(Resource resource) {
    Reference reference = null;
    if (resource instanceof Observation o) {
      reference = o.getEncounter();
    } else if (resource instanceof MedicationAdministration m) {
      reference = m.getContext();
    } else if (resource instanceof Flag f) {
      reference = f.getEncounter();
    } else if (resource instanceof QuestionnaireResponse q) {
      reference = q.getEncounter();
    }
    return reference == null || !reference.hasReference() ? Optional.empty() : Optional.of(reference.getReference());
  }
}
