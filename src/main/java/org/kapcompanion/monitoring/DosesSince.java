package org.kapcompanion.monitoring;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.SessionDecoder;
import org.kapcompanion.web.JsonAnswer;

/**
 * The doses of a session that the page sending a dose did not show (recorded since in another tab, or by a
 * colleague): the dose is saved only once the clinician, shown them, confirms it is a further dose. Pure.
 */
final class DosesSince {

  /** What a 409 answer names as its cause, for script clients. */
  static final String CONFLICT = "doses-recorded-since";

  private DosesSince() {}

  /**
   * The doses of the session: those {@code record} holds (in the EHR, or this user's not yet delivered) and those of
   * the {@code undelivered} entries of any user made in this session, each entry once, oldest first.
   */
  static List<Dose> ofSession(SessionRecord record, List<Resource> undelivered) {
    Set<String> recorded = record.facts().doses().stream().map(Dose::entryId).collect(Collectors.toSet());
    List<Dose> doses = new ArrayList<>(record.facts().doses());
    SessionDecoder.decode(undelivered.stream().filter(record::madeIn).toList()).doses().stream()
        .filter(dose -> !recorded.contains(dose.entryId())).forEach(doses::add);
    doses.sort(Comparator.comparing(Dose::effective));
    return doses;
  }

  /**
   * The doses in {@code recorded} not {@code known} to the page, oldest first; none when the dose {@code entryId} is
   * itself recorded (a retry of a dose already saved, acknowledged again rather than taken for another).
   */
  static List<Dose> unknown(List<Dose> recorded, Set<String> known, String entryId) {
    if (recorded.stream().anyMatch(dose -> dose.entryId().equals(entryId))) {
      return List.of();
    }
    return recorded.stream().filter(dose -> !known.contains(dose.entryId())).toList();
  }

  /**
   * The answer to a dose not saved for {@code since}: {@code conflict}, the entry's {@code id}, and each dose's
   * {@code id}, {@code time} on the clinic's clock and how it is {@code shown}.
   */
  static JsonObject answer(String entryId, List<Dose> since, ZoneId zone) {
    JsonObject answer = JsonAnswer.error("Not saved: " + (since.size() == 1 ? "a dose was" : since.size()
        + " doses were") + " recorded in this session since this page was loaded. Record this as a further dose?");
    answer.addProperty("conflict", CONFLICT);
    answer.addProperty("id", entryId);
    JsonArray doses = new JsonArray();
    for (Dose dose : since) {
      JsonObject item = new JsonObject();
      item.addProperty("id", dose.entryId());
      item.addProperty("time", SessionRecord.clockTime(dose.effective(), zone));
      item.addProperty("shown", SessionRecord.doseLine(dose));
      doses.add(item);
    }
    answer.add("doses", doses);
    return answer;
  }
}
