package org.kapcompanion.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.kapcompanion.recorded.SessionReference;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.EhrClients;
import org.kapcompanion.vocabulary.SessionCode;
import org.kapcompanion.vocabulary.SessionType;

/**
 * Reads what {@link SessionFacts} are made of in two parallel searches: the sessions with the alerts, checklists,
 * Provenance and review Task that point at them, and the count of their adverse events.
 */
final class SessionFactsReader {

  /** At most this many sessions are read in one go, so they and their included resources come in one page. */
  static final int CHUNK = 40;
  /** The latest sessions of one patient the patient-level queue shows (FHIR servers cap a page, often at 50). */
  static final int PATIENT_SESSIONS = 50;

  private static final String POINTING_AT_THEM = "&_revinclude=Flag:encounter"
      + "&_revinclude=QuestionnaireResponse:encounter&_revinclude=Provenance:target&_revinclude=Task:focus";
  private static final String ADVERSE_EVENTS = "&code=" + SessionCode.ADVERSE_EVENT.code().token()
      + "&_elements=encounter&_count=50";

  private final ReviewEhr ehr;

  SessionFactsReader(ReviewEhr ehr) {
    this.ehr = ehr;
  }

  /**
   * The sessions read, with their Encounters by id.
   *
   * @param facts one per KAP session found, in the order the EHR returned them
   * @param encounters the session Encounters by id
   * @param names the patients and practitioners included with them
   */
  record Read(List<SessionFacts> facts, Map<String, Encounter> encounters, PersonNames names) {}

  /** The facts of the given Encounters (at most {@link #CHUNK}); those that are not dosing sessions are left out. */
  Read byIds(ActiveSession active, Collection<String> encounterIds) {
    String ids = String.join(",", encounterIds);
    String references = encounterIds.stream().map(id -> "Encounter/" + id).collect(Collectors.joining(","));
    CompletableFuture<Bundle> sessions = ehr.search(active, "Encounter?_id=" + ids + POINTING_AT_THEM
        + "&_count=" + encounterIds.size());
    CompletableFuture<Bundle> adverseEvents = ehr.async(active, client -> EhrClients.everyPage(client,
        ReviewEhr.search(client, "Observation?encounter=" + references + ADVERSE_EVENTS)));
    return facts(EhrClients.await(sessions), EhrClients.await(adverseEvents));
  }

  /** The facts of one patient's latest sessions, newest first. */
  Read byPatient(ActiveSession active, String patientId) {
    CompletableFuture<Bundle> sessions = ehr.search(active, "Encounter?patient=" + patientId + "&type="
        + SessionType.DOSING.code().token() + "&_sort=-date&_count=" + PATIENT_SESSIONS
        + POINTING_AT_THEM + "&_include=Encounter:patient&_include=Encounter:participant");
    CompletableFuture<Bundle> adverseEvents = ehr.async(active, client -> EhrClients.everyPage(client,
        ReviewEhr.search(client, "Observation?patient=" + patientId + ADVERSE_EVENTS)));
    return facts(EhrClients.await(sessions), EhrClients.await(adverseEvents));
  }

  /** Pure: the facts in a session search (with its inclusions) and an adverse-event search. */
  static Read facts(Bundle sessions, Bundle adverseEvents) {
    Map<String, Encounter> encounters = new LinkedHashMap<>();
    Map<String, List<Resource>> pointing = new HashMap<>();
    for (Bundle.BundleEntryComponent entry : sessions.getEntry()) {
      Resource resource = entry.getResource();
      if (resource instanceof Encounter encounter && entry.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE) {
        encounters.put(encounter.getIdElement().getIdPart(), encounter);
      } else if (resource != null) {
        for (String encounterId : encountersReferencedBy(resource)) {
          pointing.computeIfAbsent(encounterId, id -> new ArrayList<>()).add(resource);
        }
      }
    }
    Map<String, Integer> adverse = new HashMap<>();
    for (Bundle.BundleEntryComponent entry : adverseEvents.getEntry()) {
      if (entry.getResource() instanceof Observation observation) {
        encounterId(observation.getEncounter()).ifPresent(id -> adverse.merge(id, 1, Integer::sum));
      }
    }
    List<SessionFacts> facts = new ArrayList<>();
    encounters.forEach((id, encounter) -> SessionFacts.of(encounter, pointing.getOrDefault(id, List.of()),
        adverse.getOrDefault(id, 0)).ifPresent(facts::add));
    return new Read(facts, encounters, PersonNames.in(sessions));
  }

  /**
   * The Encounters a record points at: a session's record at its session ({@link SessionReference}), a Provenance
   * through its targets, a Task through its focus.
   */
  static List<String> encountersReferencedBy(Resource resource) {
    List<Reference> references = resource instanceof Provenance provenance ? provenance.getTarget()
        : resource instanceof Task task ? List.of(task.getFocus()) : SessionReference.of(resource).stream().toList();
    return references.stream().map(SessionFactsReader::encounterId).flatMap(Optional::stream).distinct().toList();
  }

  static Optional<String> encounterId(Reference reference) {
    String value = reference.getReference();
    if (value == null || !value.contains("Encounter/")) {
      return Optional.empty();
    }
    return Optional.ofNullable(reference.getReferenceElement().getIdPart())
        .filter(id -> "Encounter".equals(reference.getReferenceElement().getResourceType()));
  }
}
