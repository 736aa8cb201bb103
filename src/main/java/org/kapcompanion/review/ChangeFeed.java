package org.kapcompanion.review;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.recorded.SessionReference;
import org.kapcompanion.vocabulary.SessionType;
import org.kapcompanion.vocabulary.Systems;

/**
 * The EHR searches the review queue follows to see which sessions changed: everything recorded in a session points
 * at its Encounter, so a new or changed record names the session to look at again.
 */
enum ChangeFeed {
  SESSIONS("Encounter?type=" + SessionType.DOSING.code().token() + "&_elements=id"),
  OBSERVATIONS("Observation?_elements=encounter"),
  DOSES("MedicationAdministration?_elements=context"),
  CHECKLISTS("QuestionnaireResponse?_elements=encounter"),
  ALERTS("Flag?_elements=encounter"),
  CO_SIGNS("Provenance?agent-type=" + Systems.PARTICIPANT_TYPE + "|verifier," + Systems.PARTICIPANT_TYPE
      + "|attester&_elements=target");

  static final int PAGE_SIZE = 50;

  private final String search;

  ChangeFeed(String search) {
    this.search = search;
  }

  /** The search for what the EHR stored at or after {@code since}, oldest first. */
  String query(Instant since) {
    return search + "&_lastUpdated=ge" + since + "&_sort=_lastUpdated&_count=" + PAGE_SIZE;
  }

  /** Whether an item is a change to the session's records (a co-sign is not: it reviews them). */
  boolean changesRecords() {
    return this != CO_SIGNS;
  }

  /** The sessions (Encounter ids) an item of this feed concerns. */
  List<String> sessionsOf(Resource item) {
    if (this == SESSIONS) {
      return List.of(item.getIdElement().getIdPart());
    }
    if (item instanceof Provenance) {
      return SessionFactsReader.encountersReferencedBy(item);
    }
    return SessionReference.of(item).flatMap(SessionFactsReader::encounterId).stream().toList();
  }

  static Optional<ChangeFeed> named(String name) {
    for (ChangeFeed feed : values()) {
      if (feed.name().equals(name)) {
        return Optional.of(feed);
      }
    }
    return Optional.empty();
  }
}
