package org.kapcompanion.monitoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.Route;
import org.kapcompanion.vocabulary.SessionCode;
import org.kapcompanion.writeback.EntryIdentity;

/**
 * A running dosing session as read back: the session Encounter, and what was recorded in it, merged from the EHR and
 * the entries not yet confirmed by it (matched by entry identifier, the unsent copy winning).
 *
 * @param encounter the session Encounter
 * @param entryId its entry identifier
 * @param reference {@code Encounter/id} once the EHR has it, else {@code urn:uuid:<entryId>}
 * @param dose the dose, once recorded
 * @param readings vitals and scales, oldest first
 * @param timeline everything recorded, newest first
 */
record SessionRecord(Encounter encounter, String entryId, String reference, Optional<Dose> dose,
    List<Reading> readings, List<TimelineItem> timeline) {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  /** A timeline entry before it is placed on the clinic's clock. */
  private record Item(String entryId, Instant at, String title, String detail, boolean inEhr) {}

  /** Whether an entry with this id is recorded in the session, in the EHR or waiting to be sent. */
  boolean holds(String entryId) {
    return timeline.stream().anyMatch(item -> item.entryId().equals(entryId));
  }

  boolean finished() {
    return encounter.getStatus() == Encounter.EncounterStatus.FINISHED;
  }

  Instant started() {
    return encounter.getPeriod().getStart().toInstant();
  }

  /** The session from its Encounter and the resources recorded in it (EHR first, then unsent). */
  static SessionRecord of(Encounter encounter, String reference, List<Resource> fromEhr, List<Resource> unsent,
      ZoneId zone) {
    String entryId = entryId(encounter).orElseThrow();
    Map<String, Resource> byEntry = new LinkedHashMap<>();
    Map<String, Boolean> inEhr = new LinkedHashMap<>();
    fromEhr.forEach(r -> entryId(r).ifPresent(id -> {
      byEntry.put(id, r);
      inEhr.put(id, true);
    }));
    unsent.forEach(r -> entryId(r).ifPresent(id -> {
      byEntry.put(id, r);
      inEhr.put(id, false);
    }));
    Optional<Dose> dose = Optional.empty();
    List<Reading> readings = new ArrayList<>();
    List<Item> timeline = new ArrayList<>();
    for (Map.Entry<String, Resource> entry : byEntry.entrySet()) {
      String id = entry.getKey();
      boolean confirmed = inEhr.get(id);
      Resource resource = entry.getValue();
      if (resource instanceof MedicationAdministration given) {
        Optional<Dose> parsed = dose(id, given);
        if (parsed.isPresent()) {
          dose = parsed;
          timeline.add(new Item(id, parsed.get().effective(), "Dose", parsed.get().shown()
              + " · lot " + parsed.get().lot(), confirmed));
        }
      } else if (resource instanceof Observation observation) {
        observationItem(id, observation, confirmed, readings).ifPresent(timeline::add);
      } else if (resource instanceof Flag flag && flag.getPeriod().hasStart()) {
        timeline.add(new Item(id, flag.getPeriod().getStart().toInstant(), "Alert: "
            + flag.getCode().getCodingFirstRep().getDisplay(), flag.getCode().getText(), confirmed));
      } else if (resource instanceof QuestionnaireResponse response && response.hasAuthored()) {
        timeline.add(new Item(id, response.getAuthored().toInstant(), "Discharge checklist",
            response.getStatus().getDisplay(), confirmed));
      }
    }
    timeline.add(new Item(entryId, encounter.getPeriod().getStart().toInstant(), "Session started", "",
        !reference.startsWith("urn:")));
    readings.sort(Comparator.comparing(Reading::effective));
    List<TimelineItem> items = timeline.stream().sorted(Comparator.comparing(Item::at).reversed())
        .map(item -> new TimelineItem(item.entryId(), item.at(), item.title(), item.detail(), item.inEhr(),
            CLOCK.format(item.at().atZone(zone)))).toList();
    return new SessionRecord(encounter, entryId, reference, dose, List.copyOf(readings), items);
  }

  static Optional<String> entryId(Resource resource) {
    List<Identifier> identifiers = new ArrayList<>();
    if (resource instanceof Encounter e) {
      identifiers = e.getIdentifier();
    } else if (resource instanceof Observation o) {
      identifiers = o.getIdentifier();
    } else if (resource instanceof MedicationAdministration m) {
      identifiers = m.getIdentifier();
    } else if (resource instanceof Flag f) {
      identifiers = f.getIdentifier();
    } else if (resource instanceof QuestionnaireResponse q && q.hasIdentifier()) {
      identifiers = List.of(q.getIdentifier());
    }
    return identifiers.stream().filter(i -> EntryIdentity.SYSTEM.equals(i.getSystem())).map(Identifier::getValue)
        .findFirst();
  }

  private static Optional<Dose> dose(String id, MedicationAdministration given) {
    Optional<Drug> drug = Drug.byCode(given.getMedicationCodeableConcept().getCodingFirstRep().getCode());
    Optional<Route> route = Route.byCode(given.getDosage().getRoute().getCodingFirstRep().getCode());
    if (drug.isEmpty() || route.isEmpty() || !given.hasEffectiveDateTimeType()) {
      return Optional.empty();
    }
    String lot = given.getExtensionString(KapUrls.LOT_NUMBER);
    BigDecimal mg = given.getDosage().getDose().getValue();
    return Optional.of(new Dose(id, drug.get(), mg, route.get(), lot == null ? "" : lot,
        given.getEffectiveDateTimeType().getValue().toInstant()));
  }

  private static Optional<Item> observationItem(String id, Observation observation, boolean confirmed,
      List<Reading> readings) {
    if (!observation.hasEffectiveDateTimeType()) {
      return Optional.empty();
    }
    Instant at = observation.getEffectiveDateTimeType().getValue().toInstant();
    Coding first = observation.getCode().getCodingFirstRep();
    String code = first.getCode();
    if (SessionCode.SESSION_NOTE.value().equals(code)) {
      List<String> tags = observation.getComponent().stream()
          .map(c -> c.getValueCodeableConcept().getCodingFirstRep().getCode()).toList();
      return Optional.of(new Item(id, at, "Note" + (tags.isEmpty() ? "" : " · " + String.join(", ", tags)),
          observation.getValueStringType().getValue(), confirmed));
    }
    if (SessionCode.ADVERSE_EVENT.value().equals(code)) {
      CodeableConcept what = observation.getValueCodeableConcept();
      Coding coding = what.getCodingFirstRep();
      return Optional.of(new Item(id, at, "Adverse event: " + coding.getDisplay(),
          observation.getNoteFirstRep().getText(), confirmed));
    }
    Optional<ReadingKind> kind = ReadingKind.byCode(first.getSystem(), code);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    Reading reading;
    if (kind.get() == ReadingKind.BLOOD_PRESSURE) {
      reading = new Reading(id, kind.get(), at, component(observation, ReadingKind.SYSTOLIC.code()),
          component(observation, ReadingKind.DIASTOLIC.code()));
    } else if (observation.hasValueQuantity()) {
      reading = new Reading(id, kind.get(), at, observation.getValueQuantity().getValue().intValue(), 0);
    } else if (observation.hasValueIntegerType()) {
      reading = new Reading(id, kind.get(), at, observation.getValueIntegerType().getValue(), 0);
    } else {
      return Optional.empty();
    }
    readings.add(reading);
    return Optional.of(new Item(id, at, kind.get().label(), reading.shown()
        + kind.get().unit().map(u -> " " + u).orElse(""), confirmed));
  }

  private static int component(Observation observation, String code) {
    return observation.getComponent().stream()
        .filter(c -> c.getCode().getCodingFirstRep().getCode().equals(code) && c.hasValueQuantity())
        .map(c -> c.getValueQuantity()).map(Quantity::getValue).map(BigDecimal::intValue).findFirst().orElse(0);
  }
}
