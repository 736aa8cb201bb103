package org.kapcompanion.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReviewStatus;
import org.kapcompanion.vocabulary.Systems;

/**
 * Pure mapping of a co-sign to what is written: the {@code kap-supervisor-review} Provenance naming the supervisor
 * as verifier of the session and its records, and the session's review Task completed with the comment.
 */
final class CoSignMapping {

  private CoSignMapping() {}

  /**
   * The co-sign Provenance. R4 Provenance has no identifier, so the entry id travels as a {@code meta.tag} in the entry
   * system, which the conditional create matches on a retry; the patient is a target too, which puts the Provenance
   * in the patient's compartment.
   */
  static Provenance provenance(String entryId, ReviewedSessionReader.SessionRecord session, String supervisor,
      Instant recorded) {
    Provenance provenance = new Provenance();
    provenance.getMeta().addProfile(KapUrls.SUPERVISOR_REVIEW_PROFILE);
    provenance.getMeta().addTag(KapUrls.ENTRY_ID, entryId, null);
    Set<String> targets = new LinkedHashSet<>();
    targets.add("Encounter/" + session.encounter().getIdElement().getIdPart());
    for (Resource resource : session.recorded()) {
      targets.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    }
    targets.add("Patient/" + session.encounter().getSubject().getReferenceElement().getIdPart());
    targets.forEach(target -> provenance.addTarget(new Reference(target)));
    provenance.setRecorded(Date.from(recorded));
    Provenance.ProvenanceAgentComponent agent = provenance.addAgent();
    agent.setType(new CodeableConcept(new Coding(Systems.PARTICIPANT_TYPE, "verifier", "Verifier")));
    agent.setWho(new Reference(supervisor));
    Optional.ofNullable(session.encounter().getServiceProvider().getReference())
        .filter(reference -> reference.startsWith("Organization/"))
        .ifPresent(organization -> agent.setOnBehalfOf(new Reference(organization)));
    return provenance;
  }

  /** The session's place in the queue after the co-sign: reviewed by the supervisor. */
  static ReviewEntry reviewed(SessionFacts facts, String supervisor, Instant recorded) {
    return new ReviewEntry(facts.encounterId(), facts.patientId(), facts.therapist(), facts.start(),
        facts.reasons(), ReviewStatus.REVIEWED, Optional.of(supervisor), Optional.of(recorded));
  }

  /** The session's review Task after the co-sign: reviewed by the supervisor, with the comment added. */
  static Task completedTask(SessionFacts facts, String supervisor, String comment, Instant recorded) {
    ReviewEntry reviewed = reviewed(facts, supervisor, recorded);
    List<Annotation> comments = new ArrayList<>(facts.task().map(Task::getNote).orElse(List.of()));
    if (!comment.isBlank()) {
      comments.add(new Annotation().setAuthor(new Reference(supervisor)).setTime(Date.from(recorded))
          .setText(comment.strip()));
    }
    return ReviewTasks.taskFor(reviewed, comments, recorded);
  }
}
