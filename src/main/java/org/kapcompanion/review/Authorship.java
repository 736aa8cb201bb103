package org.kapcompanion.review;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Who recorded each record of a session and when, from the latest author Provenance targeting it (or, without one,
 * the record's own performer), and whether it changed after a co-sign.
 */
final class Authorship {

  private final Map<String, Provenance> authors = new HashMap<>();
  private final PersonNames names;
  private final ZoneId zone;

  Authorship(List<Provenance> provenance, PersonNames names, ZoneId zone) {
    this.names = names;
    this.zone = zone;
    for (Provenance p : provenance) {
      if (!SessionFacts.hasAgent(p, "author") || !p.hasRecorded()) {
        continue;
      }
      for (Reference target : p.getTarget()) {
        String key = target.getReferenceElement().toUnqualifiedVersionless().getValue();
        authors.merge(key, p, (a, b) -> a.getRecorded().after(b.getRecorded()) ? a : b);
      }
    }
  }

  /** Whether the record was stored, or its author's Provenance recorded, after {@code coSign}. */
  boolean changedAfter(Resource resource, SessionFacts.CoSign coSign) {
    Optional<Provenance> author = Optional.ofNullable(authors.get(key(resource)));
    return SessionFacts.stored(resource).isAfter(coSign.stored())
        || author.filter(p -> p.getRecorded().toInstant().isAfter(coSign.recorded())).isPresent();
  }

  /** "Name, time" of its author; the performer "(no Provenance)"; or "No Provenance". */
  String recordedBy(Resource resource) {
    Provenance author = authors.get(key(resource));
    if (author != null) {
      String who = author.getAgent().stream().filter(a -> a.getType().getCoding().stream()
              .anyMatch(c -> "author".equals(c.getCode()))).map(a -> a.getWho().getReference())
          .findFirst().map(ref -> names.of(ref, "Someone not named")).orElse("Someone not named");
      return who + ", " + ReviewText.dayTime(author.getRecorded().toInstant(), zone);
    }
    return performer(resource).map(ref -> names.of(ref, "Someone not named") + " (no Provenance)")
        .orElse("No Provenance");
  }

  private static Optional<String> performer(Resource resource) {
    if (resource instanceof Observation observation && observation.hasPerformer()) {
      return Optional.ofNullable(observation.getPerformerFirstRep().getReference());
    }
    if (resource instanceof QuestionnaireResponse response && response.hasAuthor()) {
      return Optional.ofNullable(response.getAuthor().getReference());
    }
    if (resource instanceof Flag flag && flag.hasAuthor()) {
      return Optional.ofNullable(flag.getAuthor().getReference());
    }
    if (resource instanceof MedicationAdministration administration && administration.hasPerformer()) {
      return Optional.ofNullable(administration.getPerformerFirstRep().getActor().getReference());
    }
    return Optional.empty();
  }

  private static String key(Resource resource) {
    return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
  }
}
