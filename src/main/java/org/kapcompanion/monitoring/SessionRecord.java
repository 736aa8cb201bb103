package org.kapcompanion.monitoring;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.recorded.Checklist;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.recorded.RecordedSession;
import org.kapcompanion.recorded.SessionDecoder;
import org.kapcompanion.recorded.SessionReference;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.web.ClinicTime;

/**
 * A running dosing session as read back: the session Encounter, and what was recorded in it, merged from the EHR and
 * the entries not yet confirmed by it (matched by entry identifier, the unsent copy winning) and decoded once.
 *
 * @param encounter the session Encounter
 * @param entryId its entry identifier
 * @param reference {@code Encounter/id} once the EHR has it, else {@code urn:uuid:<entryId>}
 * @param facts what was recorded, decoded
 * @param timeline everything recorded, newest first
 */
public record SessionRecord(Encounter encounter, String entryId, String reference, RecordedSession facts,
    List<TimelineItem> timeline) {


  /** A timeline entry before it is placed on the clinic's clock. */
  private record Item(String entryId, Instant at, String title, String detail) {}

  /** Whether an entry with this id is recorded in the session, in the EHR or waiting to be sent. */
  boolean holds(String entryId) {
    return timeline.stream().anyMatch(item -> item.entryId().equals(entryId));
  }

  /** Whether {@code resource} was recorded in this session: it points at it by its EHR reference or its entry URN. */
  boolean madeIn(Resource resource) {
    return madeIn(resource, reference, entryId);
  }

  /**
   * Whether {@code resource} was recorded in the session known as {@code reference} whose entry id is
   * {@code entryId}: it points at it by either, as the EHR has it or as it was written before the EHR had it.
   */
  static boolean madeIn(Resource resource, String reference, String entryId) {
    return SessionReference.of(resource).map(Reference::getReference)
        .filter(session -> session.equals(reference) || session.equals("urn:uuid:" + entryId)).isPresent();
  }

  public boolean finished() {
    return encounter.getStatus() == Encounter.EncounterStatus.FINISHED;
  }

  public Instant started() {
    return encounter.getPeriod().getStart().toInstant();
  }

  /** The first dose: the session clock and the chart run from it. */
  public Optional<Dose> firstDose() {
    return facts.firstDose();
  }

  /**
   * The latest dose: the minimum monitoring time before discharge runs from it, and the monitoring schedule starts
   * again from it.
   */
  public Optional<Dose> latestDose() {
    return facts.latestDose();
  }

  /** Vitals and scales, oldest first. */
  public List<Reading> readings() {
    return facts.readings();
  }

  /** The session from its Encounter and the resources recorded in it (EHR first, then unsent). */
  static SessionRecord of(Encounter encounter, String reference, List<Resource> fromEhr, List<Resource> unsent,
      ZoneId zone) {
    String entryId = SessionDecoder.entryId(encounter).orElseThrow();
    Map<String, Resource> byEntry = new LinkedHashMap<>();
    Map<String, Boolean> inEhr = new LinkedHashMap<>();
    fromEhr.forEach(r -> SessionDecoder.entryId(r).ifPresent(id -> {
      byEntry.put(id, r);
      inEhr.put(id, true);
    }));
    unsent.forEach(r -> SessionDecoder.entryId(r).ifPresent(id -> {
      byEntry.put(id, r);
      inEhr.put(id, false);
    }));
    RecordedSession facts = SessionDecoder.decode(List.copyOf(byEntry.values()));
    List<Item> items = items(facts);
    items.add(new Item(entryId, encounter.getPeriod().getStart().toInstant(), "Session started", ""));
    inEhr.put(entryId, !reference.startsWith("urn:"));
    List<TimelineItem> timeline = items.stream().sorted(Comparator.comparing(Item::at).reversed())
        .map(item -> new TimelineItem(item.entryId(), item.at(), item.title(), item.detail(),
            inEhr.getOrDefault(item.entryId(), false), clockTime(item.at(), zone))).toList();
    return new SessionRecord(encounter, entryId, reference, facts, timeline);
  }

  /** {@code at} on the clinic's clock, e.g. {@code 14:35}. */
  static String clockTime(Instant at, ZoneId zone) {
    return ClinicTime.clock(at, zone);
  }

  /** How a dose reads in the session's lists, e.g. "Ketamine 32 mg IM · lot KX1". */
  static String doseLine(Dose dose) {
    return dose.shown() + " · lot " + dose.lot();
  }

  private static List<Item> items(RecordedSession facts) {
    List<Item> items = new ArrayList<>();
    facts.doses().forEach(d -> items.add(new Item(d.entryId(), d.effective(), "Dose", doseLine(d))));
    facts.readings().forEach(r -> items.add(new Item(r.entryId(), r.effective(), r.kind().label(), r.withUnit())));
    facts.notes().forEach(n -> items.add(new Item(n.entryId(), n.effective(), "Note"
        + (n.tags().isEmpty() ? "" : " · " + String.join(", ", n.tags())), n.text())));
    facts.adverseEvents().forEach(e -> items.add(new Item(e.entryId(), e.effective(), "Adverse event: "
        + e.display(), e.note())));
    facts.alerts().forEach(a -> items.add(new Item(a.entryId(), a.start(), "Alert: " + a.title(), a.text())));
    facts.checklists().forEach(c -> items.add(new Item(c.entryId(), c.authored(), title(c), c.status())));
    return items;
  }

  private static String title(Checklist checklist) {
    return checklist.questionnaire().equals(KapUrls.PREDOSE_CHECKLIST) ? "Pre-dose checklist" : "Discharge checklist";
  }
}
