package org.kapcompanion.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.EhrClients;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.PlanCodes;
import org.kapcompanion.vocabulary.SessionCode;

/**
 * Reads one whole session for review: the Encounter with everything recorded in it, the Provenance of each record
 * and who made it, in one search; then the patient's banner and latest integration plan in parallel.
 */
final class ReviewedSessionReader {

  private static final String EVERYTHING_IN_IT = "&_include=Encounter:participant"
      + "&_revinclude=Observation:encounter&_revinclude=MedicationAdministration:context"
      + "&_revinclude=QuestionnaireResponse:encounter&_revinclude=Flag:encounter&_revinclude=Task:focus"
      + "&_revinclude:iterate=Provenance:target&_include:iterate=Provenance:agent";

  private final ReviewEhr ehr;
  private final RecordService records;

  ReviewedSessionReader(ReviewEhr ehr, RecordService records) {
    this.ehr = ehr;
    this.records = records;
  }

  /**
   * A session as read for review.
   *
   * @param encounter the session
   * @param recorded what was recorded in it: observations, doses, checklists, alerts
   * @param provenance the Provenance of the session and of its records
   * @param task its review Task
   * @param names the patients and practitioners named in it
   * @param banner the patient banner, when it could be read
   * @param plan the patient's latest integration plan: a CarePlan with its Goals, or a DocumentReference
   */
  record SessionRecord(
      Encounter encounter,
      List<Resource> recorded,
      List<Provenance> provenance,
      Optional<Task> task,
      PersonNames names,
      Optional<PatientRecord> banner,
      List<Resource> plan) {

    /** The queue's facts about it; empty when the Encounter is not a KAP session. */
    Optional<SessionFacts> facts() {
      List<Resource> pointing = new ArrayList<>(recorded);
      pointing.addAll(provenance);
      task.ifPresent(pointing::add);
      int adverseEvents = (int) recorded.stream().filter(Observation.class::isInstance)
          .map(Observation.class::cast)
          .filter(o -> o.getCode().getCoding().stream().anyMatch(c -> KapUrls.OBSERVATION_CODES.equals(c.getSystem())
              && SessionCode.ADVERSE_EVENT.value().equals(c.getCode())))
          .count();
      return SessionFacts.of(encounter, pointing, adverseEvents);
    }

    /** When the EHR stored the newest of the session and its records. */
    Instant newest() {
      return recorded.stream().map(SessionFacts::stored)
          .reduce(SessionFacts.stored(encounter), (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  /**
   * The session, or empty when the EHR has no such Encounter (of {@code patientId}, when the session's access is
   * limited to one patient).
   */
  Optional<SessionRecord> read(ActiveSession active, String encounterId, Optional<String> patientId) {
    Bundle bundle = EhrClients.await(ehr.search(active, "Encounter?_id=" + encounterId
        + patientId.map(id -> "&patient=" + id).orElse("") + EVERYTHING_IN_IT));
    Optional<Encounter> encounter = bundle.getEntry().stream()
        .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE)
        .map(Bundle.BundleEntryComponent::getResource)
        .filter(Encounter.class::isInstance).map(Encounter.class::cast).findFirst();
    if (encounter.isEmpty()) {
      return Optional.empty();
    }
    String patient = encounter.get().getSubject().getReferenceElement().getIdPart();
    CompletableFuture<Bundle> carePlan = ehr.search(active, "CarePlan?patient=" + patient + "&category="
        + PlanCodes.CARE_PLAN_CATEGORY.token() + "&_sort=-_lastUpdated&_count=1&_include=CarePlan:goal");
    CompletableFuture<Bundle> planDocument = ehr.search(active, "DocumentReference?patient=" + patient + "&type="
        + PlanCodes.DOCUMENT_TYPE.token() + "&_sort=-date&_count=1");
    Optional<PatientRecord> banner = records.banner(active, patient);
    List<Resource> recorded = new ArrayList<>();
    List<Provenance> provenance = new ArrayList<>();
    Optional<Task> task = Optional.empty();
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      Resource resource = entry.getResource();
      if (resource instanceof Provenance found) {
        provenance.add(found);
      } else if (resource instanceof Task found && SessionFacts.isReviewTask(found)) {
        task = Optional.of(found);
      } else if (resource != null && !(resource instanceof Encounter) && !"Practitioner".equals(resource.fhirType())) {
        recorded.add(resource);
      }
    }
    List<Resource> plan = new ArrayList<>();
    EhrClients.await(carePlan).getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(r -> r instanceof CarePlan || r instanceof Goal).forEach(plan::add);
    if (plan.isEmpty()) {
      EhrClients.await(planDocument).getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
          .filter(DocumentReference.class::isInstance).forEach(plan::add);
    }
    return Optional.of(new SessionRecord(encounter.get(), recorded, provenance, task, PersonNames.in(bundle),
        banner, plan));
  }
}
