package org.kapcompanion.recorded;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.vocabulary.Code;
import org.kapcompanion.vocabulary.Coded;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.Route;
import org.kapcompanion.vocabulary.SessionCode;

/**
 * The one decoder from a session's FHIR resources (as the EHR or the outbox holds them) to typed session facts, by
 * the codes of the vocabulary. Pure; a resource it cannot read as a fact is left out.
 */
public final class SessionDecoder {

  private SessionDecoder() {}

  /** The facts recorded in {@code resources}, each list oldest first. */
  public static RecordedSession decode(List<Resource> resources) {
    List<Dose> doses = new ArrayList<>();
    List<Reading> readings = new ArrayList<>();
    List<RecordedSession.Note> notes = new ArrayList<>();
    List<AdverseEvent> events = new ArrayList<>();
    List<Flag> flags = new ArrayList<>();
    Map<String, RecordedSession.Acknowledgement> acknowledgements = new LinkedHashMap<>();
    List<Checklist> checklists = new ArrayList<>();
    for (Resource resource : resources) {
      if (resource instanceof MedicationAdministration given) {
        dose(given).ifPresent(doses::add);
      } else if (resource instanceof Observation observation) {
        reading(observation).ifPresent(readings::add);
        note(observation).ifPresent(note -> {
          notes.add(note);
          acknowledgements.put(note.entryId(), new RecordedSession.Acknowledgement(note.effective(),
              observation.getPerformer().stream().map(Reference::getReference).filter(r -> r != null).findFirst()));
        });
        adverseEvent(observation).ifPresent(events::add);
      } else if (resource instanceof Flag flag) {
        flags.add(flag);
      } else if (resource instanceof QuestionnaireResponse response) {
        checklist(response).ifPresent(checklists::add);
      }
    }
    List<RecordedSession.RecordedAlert> alerts = new ArrayList<>();
    flags.forEach(flag -> alert(flag, acknowledgements).ifPresent(alerts::add));
    readings.sort(Comparator.comparing(Reading::effective));
    notes.sort(Comparator.comparing(RecordedSession.Note::effective));
    events.sort(Comparator.comparing(AdverseEvent::effective));
    alerts.sort(Comparator.comparing(RecordedSession.RecordedAlert::start));
    checklists.sort(Comparator.comparing(Checklist::authored));
    doses.sort(Comparator.comparing(Dose::effective));
    return new RecordedSession(List.copyOf(doses), List.copyOf(readings),
        List.copyOf(notes), List.copyOf(events), List.copyOf(alerts), List.copyOf(checklists));
  }

  /** The reading an Observation records, when it is of a known kind with a time and a value. */
  public static Optional<Reading> reading(Observation observation) {
    Optional<ReadingKind> kind = observation.getCode().getCoding().stream()
        .map(c -> ReadingKind.byCode(c.getSystem(), c.getCode())).flatMap(Optional::stream).findFirst();
    Optional<Instant> at = instant(observation.getEffective());
    if (kind.isEmpty() || at.isEmpty()) {
      return Optional.empty();
    }
    String id = entryId(observation).orElse("");
    if (kind.get() == ReadingKind.BLOOD_PRESSURE) {
      Optional<BigDecimal> diastolic = component(observation, ReadingKind.DIASTOLIC);
      return component(observation, ReadingKind.SYSTOLIC).map(systolic -> new Reading(id, kind.get(), at.get(),
          systolic, diastolic)).filter(r -> diastolic.isPresent());
    }
    return number(observation.getValue()).map(value -> new Reading(id, kind.get(), at.get(), value,
        Optional.empty()));
  }

  /** The dose a MedicationAdministration records, when its drug, route and time are known. */
  public static Optional<Dose> dose(MedicationAdministration given) {
    Optional<Drug> drug = Coded.byValue(Drug.class, given.getMedicationCodeableConcept().getCodingFirstRep().getCode());
    Optional<Route> route = Coded.byValue(Route.class, given.getDosage().getRoute().getCodingFirstRep().getCode());
    Optional<Instant> at = instant(given.getEffective());
    if (drug.isEmpty() || route.isEmpty() || at.isEmpty() || !given.getDosage().getDose().hasValue()) {
      return Optional.empty();
    }
    String lot = given.getExtensionString(KapUrls.LOT_NUMBER);
    return Optional.of(new Dose(entryId(given).orElse(""), drug.get(), given.getDosage().getDose().getValue(),
        route.get(), lot == null ? "" : lot, at.get()));
  }

  /** The entry identifier the app gave a resource, when it carries one. */
  public static Optional<String> entryId(Resource resource) {
    List<Identifier> identifiers = List.of();
    if (resource instanceof org.hl7.fhir.r4.model.Encounter e) {
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
    return identifiers.stream().filter(i -> KapUrls.ENTRY_ID.equals(i.getSystem())).map(Identifier::getValue)
        .findFirst();
  }

  /** The time of an {@code effective[x]}: a dateTime, or a period's start. */
  public static Optional<Instant> instant(Type effective) {
    if (effective instanceof BaseDateTimeType dateTime && dateTime.getValue() != null) {
      return Optional.of(dateTime.getValue().toInstant());
    }
    if (effective instanceof Period period && period.hasStart()) {
      return Optional.of(period.getStart().toInstant());
    }
    return Optional.empty();
  }

  private static Optional<RecordedSession.Note> note(Observation observation) {
    Optional<Instant> at = instant(observation.getEffective());
    if (!is(observation, SessionCode.SESSION_NOTE) || at.isEmpty()) {
      return Optional.empty();
    }
    List<String> tags = observation.getComponent().stream()
        .filter(c -> c.getValue() instanceof CodeableConcept).map(c -> name((CodeableConcept) c.getValue()))
        .filter(tag -> !tag.isEmpty()).toList();
    String text = observation.hasValueStringType() ? observation.getValueStringType().getValue() : "";
    return Optional.of(new RecordedSession.Note(entryId(observation).orElse(""), at.get(), text, tags));
  }

  private static Optional<AdverseEvent> adverseEvent(Observation observation) {
    Optional<Instant> at = instant(observation.getEffective());
    if (!is(observation, SessionCode.ADVERSE_EVENT) || at.isEmpty()) {
      return Optional.empty();
    }
    Coding what = observation.hasValueCodeableConcept() ? observation.getValueCodeableConcept().getCodingFirstRep()
        : new Coding();
    String display = observation.hasValueCodeableConcept() ? name(observation.getValueCodeableConcept()) : "";
    return Optional.of(new AdverseEvent(entryId(observation).orElse(""), at.get(), what.getCode(), display,
        observation.hasNote() ? observation.getNoteFirstRep().getText() : ""));
  }

  /** The alert a Flag records, with the note acknowledging it (matched by entry id) once there is one. */
  private static Optional<RecordedSession.RecordedAlert> alert(Flag flag,
      Map<String, RecordedSession.Acknowledgement> acknowledgements) {
    if (!flag.getPeriod().hasStart()) {
      return Optional.empty();
    }
    Optional<String> entryId = entryId(flag);
    Coding rule = flag.getCode().getCoding().stream().filter(c -> KapUrls.ALERT_CODES.equals(c.getSystem()))
        .findFirst().orElse(flag.getCode().getCodingFirstRep());
    return Optional.of(new RecordedSession.RecordedAlert(entryId.orElse(""),
        flag.getPeriod().getStart().toInstant(), rule.hasDisplay() ? rule.getDisplay() : name(flag.getCode()),
        flag.getCode().hasText() ? flag.getCode().getText() : "",
        flag.hasStatus() ? flag.getStatus().getDisplay() : "",
        entryId.map(id -> acknowledgements.get(Alert.acknowledgementId(id)))));
  }

  private static Optional<Checklist> checklist(QuestionnaireResponse response) {
    if (!response.hasAuthored() || response.getQuestionnaire() == null) {
      return Optional.empty();
    }
    Map<String, Type> answers = new LinkedHashMap<>();
    collect(response.getItem(), answers);
    return Optional.of(new Checklist(entryId(response).orElse(""), response.getQuestionnaire().split("\\|")[0],
        response.getAuthored().toInstant(), response.hasStatus() ? response.getStatus().getDisplay() : "",
        answers));
  }

  private static void collect(List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items,
      Map<String, Type> answers) {
    for (QuestionnaireResponse.QuestionnaireResponseItemComponent item : items) {
      if (item.hasAnswer() && item.getAnswerFirstRep().getValue() != null) {
        answers.putIfAbsent(item.getLinkId(), item.getAnswerFirstRep().getValue());
      }
      collect(item.getItem(), answers);
      item.getAnswer().forEach(answer -> collect(answer.getItem(), answers));
    }
  }

  private static boolean is(Observation observation, SessionCode code) {
    return Codings.carries(observation.getCode(), code.code());
  }

  private static Optional<BigDecimal> component(Observation observation, Code code) {
    return observation.getComponent().stream()
        .filter(c -> c.getCode().getCoding().stream().anyMatch(k -> code.code().equals(k.getCode())))
        .map(c -> number(c.getValue())).flatMap(Optional::stream).findFirst();
  }

  private static Optional<BigDecimal> number(Type value) {
    if (value instanceof Quantity quantity && quantity.hasValue()) {
      return Optional.of(quantity.getValue());
    }
    if (value instanceof IntegerType integer && integer.getValue() != null) {
      return Optional.of(BigDecimal.valueOf(integer.getValue()));
    }
    return Optional.empty();
  }

  private static String name(CodeableConcept concept) {
    if (concept.hasText()) {
      return concept.getText();
    }
    return concept.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
        .filter(s -> s != null).findFirst().orElse("");
  }
}
