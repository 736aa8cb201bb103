package org.kapcompanion.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.recorded.SessionDecoder;

/**
 * Today's dosing sessions whose start is still on its way to the EHR, found among every user's undelivered Encounters
 * of the patient: a session a colleague (or another node) started, which the EHR cannot show yet. Pure.
 */
final class StartsUnderWay {

  private StartsUnderWay() {}

  /**
   * When the dosing sessions among {@code undelivered} (oldest first) started that started on the clinic's day of
   * {@code now} and are not finished by a later undelivered version of the same entry, earliest first.
   */
  static List<Instant> of(List<Resource> undelivered, Instant now, ZoneId zone) {
    Map<String, Encounter> latestByEntry = new LinkedHashMap<>();
    undelivered.stream().filter(DosingSessionReader::isDosingSession).map(Encounter.class::cast)
        .forEach(session -> SessionDecoder.entryId(session).ifPresent(id -> latestByEntry.put(id, session)));
    LocalDate today = LocalDate.ofInstant(now, zone);
    return latestByEntry.values().stream()
        .filter(session -> session.getStatus() != Encounter.EncounterStatus.FINISHED && session.getPeriod().hasStart())
        .map(session -> session.getPeriod().getStart().toInstant())
        .filter(start -> LocalDate.ofInstant(start, zone).equals(today)).sorted().toList();
  }
}
