package org.kapcompanion.course;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.recorded.AdverseEvent;
import org.kapcompanion.recorded.Codings;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.recorded.RecordedSession;
import org.kapcompanion.recorded.SessionDecoder;
import org.kapcompanion.vocabulary.Coded;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.RecordVital;

/**
 * Groups a patient's doses, session Encounters, session observations and alert Flags into dosing sessions, each
 * decoded by the one {@link SessionDecoder}, with the weight for mg/kg. Pure.
 */
final class CourseSessions {

  private static final BigDecimal KG_PER_POUND = new BigDecimal("0.45359237");

  private CourseSessions() {}

  /**
   * The sessions, oldest first, and how many ketamine administrations could not be read as a dose.
   *
   * @param sessions the dosing sessions
   * @param unreadableDoses ketamine or esketamine administrations without a readable drug code, dose, route or time
   */
  record Built(List<CourseSession> sessions, int unreadableDoses) {}

  static Built build(List<Resource> administrations, List<Resource> encounters, List<Resource> observations,
      List<Resource> flags, ZoneId zone) {
    Map<String, List<Resource>> byEncounter = new LinkedHashMap<>();
    Map<String, Instant> started = new LinkedHashMap<>();
    for (Resource resource : encounters) {
      if (resource instanceof Encounter encounter && encounter.getPeriod().hasStart()) {
        String id = encounter.getIdElement().getIdPart();
        byEncounter.computeIfAbsent(id, k -> new ArrayList<>());
        started.put(id, encounter.getPeriod().getStart().toInstant());
      }
    }
    List<List<Resource>> withoutEncounter = new ArrayList<>();
    int unreadable = 0;
    for (Resource resource : administrations) {
      if (!(resource instanceof MedicationAdministration given) || !isKetamine(given)) {
        continue;
      }
      if (SessionDecoder.dose(given).isEmpty()) {
        unreadable++;
        continue;
      }
      Optional<String> encounter = idOf(given.getContext());
      if (encounter.isPresent()) {
        byEncounter.computeIfAbsent(encounter.get(), k -> new ArrayList<>()).add(given);
      } else {
        withoutEncounter.add(new ArrayList<>(List.of(given)));
      }
    }
    for (Resource resource : observations) {
      if (resource instanceof Observation observation) {
        idOf(observation.getEncounter()).map(byEncounter::get).ifPresent(group -> group.add(observation));
      }
    }
    for (Resource resource : flags) {
      if (resource instanceof Flag flag) {
        idOf(flag.getEncounter()).map(byEncounter::get).ifPresent(group -> group.add(flag));
      }
    }
    List<CourseSession> sessions = new ArrayList<>();
    byEncounter.forEach((id, group) -> session(id, group, Optional.ofNullable(started.get(id)), observations, zone)
        .ifPresent(sessions::add));
    withoutEncounter.forEach(group -> session("", group, Optional.empty(), observations, zone)
        .ifPresent(sessions::add));
    sessions.sort(Comparator.comparing(CourseSession::date));
    return new Built(List.copyOf(sessions), unreadable);
  }

  private static Optional<CourseSession> session(String encounterId, List<Resource> group, Optional<Instant> started,
      List<Resource> observations, ZoneId zone) {
    RecordedSession recorded = SessionDecoder.decode(group);
    Optional<Instant> at = recorded.firstDose().map(d -> d.effective()).or(() -> started);
    if (at.isEmpty() || (recorded.doses().isEmpty() && group.isEmpty() && started.isEmpty())) {
      return Optional.empty();
    }
    LocalDate date = at.get().atZone(zone).toLocalDate();
    return Optional.of(new CourseSession(encounterId, date, recorded.doses(), weightOn(observations, at.get()),
        recorded.readings(ReadingKind.MOAAS).stream().map(r -> r.value().intValue()).min(Integer::compare),
        recorded.readings(ReadingKind.DISSOCIATION).stream().map(r -> r.value().intValue()).max(Integer::compare),
        recorded.readings(ReadingKind.BLOOD_PRESSURE).stream().max(Comparator.comparing(Reading::value)),
        recorded.adverseEvents().stream().map(CourseSessions::adverseEvent).toList(),
        recorded.alerts().stream().map(RecordedSession.RecordedAlert::title).distinct().toList()));
  }

  private static String adverseEvent(AdverseEvent event) {
    return event.display().isEmpty() ? "Adverse event" : event.display();
  }

  /** The latest body weight in kg recorded at or before {@code at} (kg or pounds), when there is one. */
  static Optional<BigDecimal> weightOn(List<Resource> observations, Instant at) {
    return observations.stream().filter(Observation.class::isInstance).map(Observation.class::cast)
        .filter(o -> RecordVital.WEIGHT.codes().stream().anyMatch(code -> Codings.carries(o.getCode(), code)))
        .filter(o -> SessionDecoder.instant(o.getEffective()).filter(t -> !t.isAfter(at)).isPresent())
        .max(Comparator.comparing(o -> SessionDecoder.instant(o.getEffective()).orElseThrow()))
        .flatMap(o -> o.hasValueQuantity() ? kilograms(o.getValueQuantity()) : Optional.empty());
  }

  private static Optional<BigDecimal> kilograms(Quantity quantity) {
    if (!quantity.hasValue()) {
      return Optional.empty();
    }
    String unit = quantity.hasCode() ? quantity.getCode() : String.valueOf(quantity.getUnit());
    return switch (unit) {
      case "kg" -> Optional.of(quantity.getValue());
      case "[lb_av]", "lb", "lbs" -> Optional.of(quantity.getValue().multiply(KG_PER_POUND));
      default -> Optional.empty();
    };
  }

  private static boolean isKetamine(MedicationAdministration given) {
    if (!given.hasMedicationCodeableConcept()) {
      return given.hasMedicationReference() && String.valueOf(given.getMedicationReference().getDisplay())
          .toLowerCase(Locale.ROOT).contains("ketamine");
    }
    return given.getMedicationCodeableConcept().getCoding().stream()
        .anyMatch(c -> Coded.byValue(Drug.class, String.valueOf(c.getCode())).isPresent()
            || String.valueOf(c.getDisplay()).toLowerCase(Locale.ROOT).contains("ketamine"))
        || String.valueOf(given.getMedicationCodeableConcept().getText()).toLowerCase(Locale.ROOT)
            .contains("ketamine");
  }

  private static Optional<String> idOf(Reference reference) {
    return reference != null && reference.hasReference() ? Optional.of(reference.getReferenceElement().getIdPart())
        : Optional.empty();
  }
}
