package org.kapcompanion.review;

import com.google.gson.Gson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.vocabulary.ItemId;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.SessionCode;
import org.kapcompanion.vocabulary.Systems;

/**
 * Pure mapping of a session as read for review into what the review page and the printed summary show: the
 * timeline with who recorded what and when, the readings chart, the REMS monitoring data, the co-signs and whether
 * anything changed after the latest one.
 */
final class SessionTimeline {

  private static final Gson GSON = new Gson();
  private static final String NONE = "—";
  private static final String BP_UNIT = ReadingKind.BLOOD_PRESSURE.unit().orElseThrow();
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final ZoneId zone;
  private final ClinicalProtocol.AlertRules alerts;
  private final Function<String, Optional<Questionnaire>> questionnaires;

  SessionTimeline(ZoneId zone, ClinicalProtocol.AlertRules alerts,
      Function<String, Optional<Questionnaire>> questionnaires) {
    this.zone = zone;
    this.alerts = alerts;
    this.questionnaires = questionnaires;
  }

  /** What an observation measured, as the chart, the timeline and the REMS summary use it. */
  private enum Measure {
    SYSTOLIC("Systolic BP", "mm[Hg]", "vitals"),
    DIASTOLIC("Diastolic BP", "mm[Hg]", "vitals"),
    HEART_RATE("Heart rate", "/min", "vitals"),
    RESPIRATORY_RATE("Respiratory rate", "/min", "vitals"),
    SPO2("SpO2", "%", "vitals"),
    MOAAS("MOAA/S (0–5)", "", "scales"),
    DISSOCIATION("Dissociation (0–4)", "", "scales"),
    CADSS("CADSS total (0–92)", "", "none"),
    SUDS("SUDS (0–10)", "", "scales"),
    NAUSEA("Nausea (0–3)", "", "scales");

    final String label;
    final String unit;
    final String axis;

    Measure(String label, String unit, String axis) {
      this.label = label;
      this.unit = unit;
      this.axis = axis;
    }
  }

  /** One value read at one time. */
  private record Reading(Instant at, Measure measure, double value) {}

  SessionView view(SessionReader.SessionRecord record) {
    Encounter encounter = record.encounter();
    Optional<Instant> dose = record.recorded().stream().filter(MedicationAdministration.class::isInstance)
        .map(SessionTimeline::timeOf).flatMap(Optional::stream).min(Instant::compareTo);
    List<SessionFacts.CoSign> coSigns = record.provenance().stream().map(SessionFacts::coSignOf)
        .flatMap(Optional::stream).sorted(Comparator.comparing(SessionFacts.CoSign::recorded)).toList();
    Optional<SessionFacts.CoSign> latest = coSigns.isEmpty() ? Optional.empty()
        : Optional.of(coSigns.get(coSigns.size() - 1));
    Map<String, Provenance> authorship = authorship(record.provenance());
    List<Reading> readings = readings(record.recorded());
    Instant newest = record.newest();
    Optional<SessionFacts> facts = record.facts();
    ReviewEntry entry = facts.map(f -> ReviewEntry.of(f, Optional.of(newest))).orElse(null);

    List<SessionView.TimelineEntry> timeline = timeline(record, dose, latest, authorship, readings);
    return new SessionView(
        encounter.getIdElement().getIdPart(),
        sessionTitle(encounter),
        encounter.getPeriod().hasStart() ? dayTime(encounter.getPeriod().getStart().toInstant()) : NONE,
        statusLabel(encounter),
        record.names().of(facts.flatMap(SessionFacts::therapist), "Not recorded"),
        entry == null ? "Not a KAP session" : entry.status().label(),
        entry == null ? "reviewed" : entry.status().code(),
        entry == null ? List.of() : entry.reasons().stream().sorted().map(ReviewReason::label).toList(),
        coSigns.stream().map(c -> new SessionView.CoSignLine(record.names().of(c.supervisor(), "A supervisor"),
            dayTime(c.recorded()))).toList(),
        record.task().map(task -> task.getNote().stream().map(note -> new SessionView.Comment(
            record.names().of(note.hasAuthorReference() ? note.getAuthorReference().getReference() : "",
                "A supervisor"),
            note.hasTime() ? dayTime(note.getTime().toInstant()) : NONE, note.getText())).toList())
            .orElse(List.of()),
        rems(record, dose, readings),
        chart(readings, dose.or(() -> Optional.ofNullable(encounter.getPeriod().getStart()).map(d -> d.toInstant()))),
        timeline,
        plan(record.plan()),
        newest.toEpochMilli());
  }

  private List<SessionView.TimelineEntry> timeline(SessionReader.SessionRecord record, Optional<Instant> dose,
      Optional<SessionFacts.CoSign> latest, Map<String, Provenance> authorship, List<Reading> readings) {
    record Timed(Instant at, SessionView.TimelineEntry entry) {}
    List<Timed> entries = new ArrayList<>();
    Map<Instant, List<Observation>> measurementsAt = new TreeMap<>();
    for (Resource resource : record.recorded()) {
      Instant at = timeOf(resource).orElse(SessionFacts.stored(resource));
      boolean changed = latest.filter(coSign -> changedAfter(resource, coSign, authorship)).isPresent();
      String by = recordedBy(resource, authorship, record.names());
      if (resource instanceof Observation observation && measure(observation).isPresent()) {
        measurementsAt.computeIfAbsent(at, t -> new ArrayList<>()).add(observation);
      } else if (resource instanceof Observation observation) {
        entries.add(new Timed(at, observationEntry(observation, at, dose, by, changed)));
      } else if (resource instanceof MedicationAdministration administration) {
        entries.add(new Timed(at, new SessionView.TimelineEntry(time(at), since(at, dose), "Dose",
            doseText(administration), lot(administration).map(lot -> List.of("Lot " + lot)).orElse(List.of()),
            by, changed, false)));
      } else if (resource instanceof QuestionnaireResponse response) {
        entries.add(new Timed(at, checklistEntry(response, at, dose, by, changed)));
      } else if (resource instanceof Flag flag) {
        entries.add(new Timed(at, new SessionView.TimelineEntry(time(at), since(at, dose), "Alert",
            text(flag.getCode()), flag.hasStatus() ? List.of("Status: " + flag.getStatus().getDisplay()) : List.of(),
            by, changed, true)));
      }
    }
    measurementsAt.forEach((at, observations) -> {
      List<Reading> here = readings.stream().filter(r -> r.at().equals(at)).toList();
      boolean changed = latest.filter(c -> observations.stream().anyMatch(o -> changedAfter(o, c, authorship)))
          .isPresent();
      entries.add(new Timed(at, new SessionView.TimelineEntry(time(at), since(at, dose), "Readings",
          here.stream().map(r -> shortReading(r, here)).filter(s -> !s.isEmpty()).collect(Collectors.joining(" · ")),
          List.of(), recordedBy(observations.get(0), authorship, record.names()), changed,
          here.stream().anyMatch(this::crossesAlert))));
    });
    return entries.stream().sorted(Comparator.comparing(Timed::at)).map(Timed::entry).toList();
  }

  private SessionView.TimelineEntry observationEntry(Observation observation, Instant at, Optional<Instant> dose,
      String by, boolean changed) {
    SessionCode code = kapCode(observation).flatMap(c -> SessionCode.byCode(KapUrls.OBSERVATION_CODES, c))
        .orElse(SessionCode.QUICK_TAG);
    List<String> details = new ArrayList<>();
    observation.getNote().forEach(note -> details.add(note.getText()));
    switch (code) {
      case SESSION_NOTE:
        observation.getComponent().stream().map(c -> c.getValue() instanceof CodeableConcept tag ? text(tag) : "")
            .filter(tag -> !tag.isEmpty()).forEach(tag -> details.add("Tag: " + tag));
        return new SessionView.TimelineEntry(time(at), since(at, dose), "Note", valueText(observation.getValue()),
            details, by, changed, false);
      case SESSION_THEME:
        return new SessionView.TimelineEntry(time(at), since(at, dose), "Theme", valueText(observation.getValue()),
            details, by, changed, false);
      case ADVERSE_EVENT:
        return new SessionView.TimelineEntry(time(at), since(at, dose), "Adverse event",
            valueText(observation.getValue()), details, by, changed, true);
      default:
        return new SessionView.TimelineEntry(time(at), since(at, dose), "Observation",
            text(observation.getCode()) + ": " + valueText(observation.getValue()), details, by, changed, false);
    }
  }

  private SessionView.TimelineEntry checklistEntry(QuestionnaireResponse response, Instant at,
      Optional<Instant> dose, String by, boolean changed) {
    Optional<Questionnaire> questionnaire = Optional.ofNullable(response.getQuestionnaire())
        .map(url -> url.split("\\|")[0]).flatMap(questionnaires);
    Map<String, String> texts = new HashMap<>();
    questionnaire.ifPresent(q -> collectTexts(q.getItem(), texts));
    List<String> answers = new ArrayList<>();
    collectAnswers(response.getItem(), texts, answers);
    String title = questionnaire.map(Questionnaire::getTitle).filter(t -> t != null && !t.isBlank())
        .orElse("Questionnaire");
    String status = response.getStatus() == null ? "" : response.getStatus().getDisplay();
    return new SessionView.TimelineEntry(time(at), since(at, dose), "Checklist", title + " (" + status + ")",
        answers, by, changed, SessionFacts.isPredoseWithPrescriberDecision(response));
  }

  private static void collectTexts(List<Questionnaire.QuestionnaireItemComponent> items, Map<String, String> texts) {
    for (Questionnaire.QuestionnaireItemComponent item : items) {
      texts.put(item.getLinkId(), item.getText());
      collectTexts(item.getItem(), texts);
    }
  }

  private void collectAnswers(List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items,
      Map<String, String> texts, List<String> answers) {
    for (QuestionnaireResponse.QuestionnaireResponseItemComponent item : items) {
      if (item.hasAnswer()) {
        answers.add(texts.getOrDefault(item.getLinkId(), item.getLinkId()) + ": " + item.getAnswer().stream()
            .map(answer -> answer.getValue() instanceof BaseDateTimeType dateTime && dateTime.getValue() != null
                ? dayTime(dateTime.getValue().toInstant()) : valueText(answer.getValue()))
            .collect(Collectors.joining("; ")));
      }
      collectAnswers(item.getItem(), texts, answers);
    }
  }

  private SessionView.Rems rems(SessionReader.SessionRecord record, Optional<Instant> dose, List<Reading> readings) {
    Optional<MedicationAdministration> administration = record.recorded().stream()
        .filter(MedicationAdministration.class::isInstance).map(MedicationAdministration.class::cast).findFirst();
    Optional<QuestionnaireResponse> predose = checklist(record, KapUrls.PREDOSE_CHECKLIST);
    Optional<QuestionnaireResponse> discharge = checklist(record, KapUrls.DISCHARGE_CHECKLIST);
    List<Reading> systolic = readings.stream().filter(r -> r.measure() == Measure.SYSTOLIC).toList();
    String bpBefore = bloodPressure(predose, ItemId.BASELINE_SYSTOLIC, ItemId.BASELINE_DIASTOLIC, "pre-dose checklist")
        .or(() -> systolic.stream().filter(r -> dose.isEmpty() || !r.at().isAfter(dose.get()))
            .reduce((a, b) -> b).map(r -> bloodPressureAt(r, readings, dose)))
        .orElse(NONE);
    String bpAt40 = dose.flatMap(given -> systolic.stream()
            .filter(r -> minutes(given, r.at()) >= 25 && minutes(given, r.at()) <= 60)
            .min(Comparator.comparing(r -> Math.abs(minutes(given, r.at()) - 40))))
        .map(r -> bloodPressureAt(r, readings, dose)).orElse(NONE);
    String bpAtEnd = bloodPressure(discharge, ItemId.DISCHARGE_SYSTOLIC, ItemId.DISCHARGE_DIASTOLIC, "discharge checklist")
        .or(() -> dose.flatMap(given -> systolic.stream().filter(r -> minutes(given, r.at()) > 60)
            .reduce((a, b) -> b)).map(r -> bloodPressureAt(r, readings, dose)))
        .orElse(NONE);
    Optional<Instant> readyToLeave = discharge.flatMap(d -> answer(d, ItemId.READY_TO_LEAVE_TIME.linkId()))
        .filter(DateTimeType.class::isInstance).map(v -> ((DateTimeType) v).getValue().toInstant());
    String monitoring = discharge.flatMap(d -> answer(d, ItemId.MONITORING_MINUTES.linkId())).map(SessionTimeline::valueText)
        .or(() -> dose.flatMap(given -> readyToLeave.or(() -> Optional.ofNullable(
            record.encounter().getPeriod().getEnd()).map(d -> d.toInstant()))
            .map(end -> String.valueOf(minutes(given, end)))))
        .map(minutes -> minutes + " min").orElse(NONE);
    List<String> sedation = readings.stream().filter(r -> r.measure() == Measure.MOAAS && r.value() < 5)
        .map(r -> "MOAA/S " + number(r.value()) + " at " + at(r.at(), dose)).toList();
    List<String> dissociation = readings.stream()
        .filter(r -> (r.measure() == Measure.DISSOCIATION || r.measure() == Measure.CADSS) && r.value() > 0)
        .map(r -> r.measure().label + ": " + number(r.value()) + " at " + at(r.at(), dose)).toList();
    List<String> adverse = record.recorded().stream().filter(r -> isKap(r, SessionCode.ADVERSE_EVENT.value()))
        .map(Observation.class::cast)
        .map(o -> valueText(o.getValue()) + " at " + timeOf(o).map(t -> at(t, dose)).orElse(NONE)
            + o.getNote().stream().map(n -> " — " + n.getText()).collect(Collectors.joining()))
        .toList();
    return new SessionView.Rems(
        administration.map(SessionTimeline::medication).orElse(NONE),
        administration.map(SessionTimeline::doseText).orElse(NONE),
        administration.flatMap(SessionTimeline::lot).orElse(NONE),
        dose.map(this::dayTime).orElse(NONE),
        bpBefore, bpAt40, bpAtEnd, monitoring, readyToLeave.map(this::dayTime).orElse(NONE),
        sedation, dissociation, adverse);
  }

  private static Optional<QuestionnaireResponse> checklist(SessionReader.SessionRecord record, String canonical) {
    return record.recorded().stream().filter(QuestionnaireResponse.class::isInstance)
        .map(QuestionnaireResponse.class::cast)
        .filter(r -> r.getQuestionnaire() != null && r.getQuestionnaire().startsWith(canonical))
        .max(Comparator.comparing(r -> r.hasAuthored() ? r.getAuthored().toInstant() : Instant.EPOCH));
  }

  private static Optional<String> bloodPressure(Optional<QuestionnaireResponse> response, ItemId systolic,
      ItemId diastolic, String source) {
    return response.flatMap(r -> answer(r, systolic.linkId()).flatMap(s -> answer(r, diastolic.linkId())
        .map(d -> valueText(s) + "/" + valueText(d) + " " + BP_UNIT + " (" + source + ")")));
  }

  private static Optional<Type> answer(QuestionnaireResponse response, String linkId) {
    return answer(response.getItem(), linkId);
  }

  private static Optional<Type> answer(List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items,
      String linkId) {
    for (QuestionnaireResponse.QuestionnaireResponseItemComponent item : items) {
      if (linkId.equals(item.getLinkId()) && item.hasAnswer()) {
        return Optional.ofNullable(item.getAnswerFirstRep().getValue());
      }
      Optional<Type> nested = answer(item.getItem(), linkId);
      if (nested.isPresent()) {
        return nested;
      }
    }
    return Optional.empty();
  }

  private String bloodPressureAt(Reading systolic, List<Reading> readings, Optional<Instant> dose) {
    String diastolic = readings.stream().filter(r -> r.measure() == Measure.DIASTOLIC && r.at().equals(systolic.at()))
        .findFirst().map(r -> number(r.value())).orElse("?");
    return number(systolic.value()) + "/" + diastolic + " " + BP_UNIT + " at " + at(systolic.at(), dose);
  }

  private String chart(List<Reading> readings, Optional<Instant> zero) {
    Map<Measure, List<Map<String, Object>>> series = new LinkedHashMap<>();
    for (Reading reading : readings) {
      if (zero.isPresent() && !"none".equals(reading.measure().axis)) {
        series.computeIfAbsent(reading.measure(), m -> new ArrayList<>())
            .add(Map.of("x", minutes(zero.get(), reading.at()), "y", reading.value()));
      }
    }
    return GSON.toJson(series.entrySet().stream().map(e -> Map.of("name", e.getKey().label, "unit", e.getKey().unit,
        "axis", e.getKey().axis, "points", e.getValue())).toList());
  }

  private static Optional<SessionView.Plan> plan(List<Resource> plan) {
    Map<String, Goal> goals = plan.stream().filter(Goal.class::isInstance).map(Goal.class::cast)
        .collect(Collectors.toMap(g -> "Goal/" + g.getIdElement().getIdPart(), g -> g, (a, b) -> a));
    for (Resource resource : plan) {
      if (resource instanceof CarePlan carePlan) {
        List<String> lines = new ArrayList<>();
        if (carePlan.hasDescription()) {
          lines.add(carePlan.getDescription());
        }
        for (Reference goal : carePlan.getGoal()) {
          Optional.ofNullable(goals.get(goal.getReference())).ifPresent(g -> lines.add("Goal: "
              + text(g.getDescription()) + g.getTarget().stream().filter(t -> t.hasDueDateType())
              .map(t -> " (by " + t.getDueDateType().getValueAsString() + ")").findFirst().orElse("")));
        }
        carePlan.getActivity().stream().map(a -> a.getDetail().hasDescription() ? a.getDetail().getDescription()
            : text(a.getDetail().getCode())).filter(s -> !s.isBlank()).forEach(s -> lines.add("Activity: " + s));
        String date = carePlan.hasCreated() ? carePlan.getCreatedElement().getValueAsString()
            : Optional.ofNullable(carePlan.getPeriod().getStartElement().getValueAsString()).orElse(NONE);
        return Optional.of(new SessionView.Plan(Optional.ofNullable(carePlan.getTitle()).orElse("Integration plan"),
            date, lines));
      }
      if (resource instanceof DocumentReference document) {
        List<String> lines = new ArrayList<>();
        if (document.hasDescription()) {
          lines.add(document.getDescription());
        }
        document.getContent().stream().map(DocumentReference.DocumentReferenceContentComponent::getAttachment)
            .filter(a -> a.hasData() && a.getContentType() != null && a.getContentType().startsWith("text/"))
            .map(a -> new String(a.getData(), StandardCharsets.UTF_8)).flatMap(String::lines)
            .filter(line -> !line.isBlank()).limit(80).forEach(lines::add);
        return Optional.of(new SessionView.Plan("Integration plan (document)",
            document.hasDate() ? document.getDateElement().getValueAsString() : NONE, lines));
      }
    }
    return Optional.empty();
  }

  private List<Reading> readings(List<Resource> recorded) {
    List<Reading> readings = new ArrayList<>();
    for (Resource resource : recorded) {
      if (!(resource instanceof Observation observation)) {
        continue;
      }
      Optional<Measure> measure = measure(observation);
      Optional<Instant> at = timeOf(observation);
      if (measure.isEmpty() || at.isEmpty()) {
        continue;
      }
      if (measure.get() == Measure.SYSTOLIC) {
        for (Observation.ObservationComponentComponent component : observation.getComponent()) {
          String code = component.getCode().getCodingFirstRep().getCode();
          Optional<Double> value = quantity(component.getValue());
          if ("8480-6".equals(code)) {
            value.ifPresent(v -> readings.add(new Reading(at.get(), Measure.SYSTOLIC, v)));
          } else if ("8462-4".equals(code)) {
            value.ifPresent(v -> readings.add(new Reading(at.get(), Measure.DIASTOLIC, v)));
          }
        }
      } else {
        quantity(observation.getValue()).ifPresent(v -> readings.add(new Reading(at.get(), measure.get(), v)));
      }
    }
    readings.sort(Comparator.comparing(Reading::at));
    return readings;
  }

  /** The measure of a vital sign or scale; blood pressure maps to SYSTOLIC (its components give both values). */
  private static Optional<Measure> measure(Observation observation) {
    for (Coding coding : observation.getCode().getCoding()) {
      String key = coding.getSystem() + "|" + coding.getCode();
      switch (key) {
        case Systems.LOINC + "|85354-9":
          return Optional.of(Measure.SYSTOLIC);
        case Systems.LOINC + "|8867-4":
          return Optional.of(Measure.HEART_RATE);
        case Systems.LOINC + "|9279-1":
          return Optional.of(Measure.RESPIRATORY_RATE);
        case Systems.LOINC + "|2708-6":
        case Systems.LOINC + "|59408-5":
          return Optional.of(Measure.SPO2);
        case KapUrls.OBSERVATION_CODES + "|moaas":
          return Optional.of(Measure.MOAAS);
        case KapUrls.OBSERVATION_CODES + "|dissociation-rating":
          return Optional.of(Measure.DISSOCIATION);
        case KapUrls.OBSERVATION_CODES + "|cadss-total":
          return Optional.of(Measure.CADSS);
        case KapUrls.OBSERVATION_CODES + "|suds":
          return Optional.of(Measure.SUDS);
        case KapUrls.OBSERVATION_CODES + "|nausea":
          return Optional.of(Measure.NAUSEA);
        default:
          break;
      }
    }
    return Optional.empty();
  }

  /** A reading in a few characters; blood pressure as systolic/diastolic from the readings taken with it. */
  private static String shortReading(Reading reading, List<Reading> takenWith) {
    switch (reading.measure()) {
      case SYSTOLIC:
        return "BP " + number(reading.value()) + "/" + takenWith.stream()
            .filter(r -> r.measure() == Measure.DIASTOLIC).findFirst().map(r -> number(r.value())).orElse("?");
      case DIASTOLIC:
        return "";
      case HEART_RATE:
        return "HR " + number(reading.value());
      case RESPIRATORY_RATE:
        return "RR " + number(reading.value());
      case SPO2:
        return "SpO2 " + number(reading.value()) + "%";
      case MOAAS:
        return "MOAA/S " + number(reading.value());
      case DISSOCIATION:
        return "Dissociation " + number(reading.value()) + "/4";
      case CADSS:
        return "CADSS " + number(reading.value());
      case SUDS:
        return "SUDS " + number(reading.value()) + "/10";
      case NAUSEA:
        return "Nausea " + number(reading.value()) + "/3";
      default:
        return "";
    }
  }

  /** Whether a reading is at or beyond the clinic's in-session alert limit. */
  private boolean crossesAlert(Reading reading) {
    switch (reading.measure()) {
      case SYSTOLIC:
        return reading.value() >= alerts.bloodPressure().systolic();
      case DIASTOLIC:
        return reading.value() >= alerts.bloodPressure().diastolic();
      case HEART_RATE:
        return reading.value() > alerts.heartRateAbove();
      case SPO2:
        return reading.value() < alerts.oxygenSaturationBelow();
      case MOAAS:
        return reading.value() <= alerts.sedationAtOrBelow();
      default:
        return false;
    }
  }

  /** The latest author Provenance of each record it targets ({@code Type/id}). */
  private static Map<String, Provenance> authorship(List<Provenance> provenance) {
    Map<String, Provenance> authors = new HashMap<>();
    for (Provenance p : provenance) {
      if (!SessionFacts.hasAgent(p, "author") || !p.hasRecorded()) {
        continue;
      }
      for (Reference target : p.getTarget()) {
        String key = target.getReferenceElement().toUnqualifiedVersionless().getValue();
        authors.merge(key, p, (a, b) -> a.getRecorded().after(b.getRecorded()) ? a : b);
      }
    }
    return authors;
  }

  private static boolean changedAfter(Resource resource, SessionFacts.CoSign coSign,
      Map<String, Provenance> authorship) {
    Optional<Provenance> author = Optional.ofNullable(authorship.get(key(resource)));
    return SessionFacts.stored(resource).isAfter(coSign.stored())
        || author.filter(p -> p.getRecorded().toInstant().isAfter(coSign.recorded())).isPresent();
  }

  private String recordedBy(Resource resource, Map<String, Provenance> authorship, PersonNames names) {
    Provenance author = authorship.get(key(resource));
    if (author != null) {
      String who = author.getAgent().stream().filter(a -> a.getType().getCoding().stream()
              .anyMatch(c -> "author".equals(c.getCode()))).map(a -> a.getWho().getReference())
          .findFirst().map(ref -> names.of(ref, "Someone not named")).orElse("Someone not named");
      return who + ", " + dayTime(author.getRecorded().toInstant());
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

  /** When it happened: effective time, dose time, checklist authored time, or alert start. */
  static Optional<Instant> timeOf(Resource resource) {
    if (resource instanceof Observation observation) {
      return instant(observation.getEffective());
    }
    if (resource instanceof MedicationAdministration administration) {
      return instant(administration.getEffective());
    }
    if (resource instanceof QuestionnaireResponse response && response.hasAuthored()) {
      return Optional.of(response.getAuthored().toInstant());
    }
    if (resource instanceof Flag flag && flag.getPeriod().hasStart()) {
      return Optional.of(flag.getPeriod().getStart().toInstant());
    }
    return Optional.empty();
  }

  private static Optional<Instant> instant(Type effective) {
    if (effective instanceof BaseDateTimeType dateTime && dateTime.getValue() != null) {
      return Optional.of(dateTime.getValue().toInstant());
    }
    if (effective instanceof Period period && period.hasStart()) {
      return Optional.of(period.getStart().toInstant());
    }
    return Optional.empty();
  }

  private static boolean isKap(Resource resource, String code) {
    return resource instanceof Observation observation && kapCode(observation).filter(code::equals).isPresent();
  }

  private static Optional<String> kapCode(Observation observation) {
    return observation.getCode().getCoding().stream().filter(c -> KapUrls.OBSERVATION_CODES.equals(c.getSystem()))
        .map(Coding::getCode).findFirst();
  }

  private static String doseText(MedicationAdministration administration) {
    MedicationAdministration.MedicationAdministrationDosageComponent dosage = administration.getDosage();
    String amount = dosage.getDose().hasValue() ? number(dosage.getDose().getValue().doubleValue()) + " "
        + Optional.ofNullable(dosage.getDose().getUnit()).orElse(dosage.getDose().getCode()) : "dose not recorded";
    String route = dosage.hasRoute() ? ", " + text(dosage.getRoute()) : "";
    return medication(administration) + " " + amount + route;
  }

  private static String medication(MedicationAdministration administration) {
    return administration.hasMedicationCodeableConcept() ? text(administration.getMedicationCodeableConcept())
        : "Medication";
  }

  private static Optional<String> lot(MedicationAdministration administration) {
    return Optional.ofNullable(administration.getExtensionByUrl(KapUrls.LOT_NUMBER))
        .map(extension -> extension.getValue().primitiveValue());
  }

  static String sessionTitle(Encounter encounter) {
    return encounter.getType().stream().flatMap(t -> t.getCoding().stream())
        .filter(c -> KapUrls.SESSION_TYPES.equals(c.getSystem()))
        .map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode()).findFirst().orElse("Session");
  }

  static String statusLabel(Encounter encounter) {
    if (encounter.getStatus() == null) {
      return "Status not recorded";
    }
    String display = encounter.getStatus().getDisplay();
    return display.substring(0, 1).toUpperCase() + display.substring(1).toLowerCase();
  }

  static String text(CodeableConcept concept) {
    if (concept.hasText()) {
      return concept.getText();
    }
    return concept.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
        .filter(s -> s != null).findFirst().orElse(NONE);
  }

  static String valueText(Type value) {
    if (value == null) {
      return NONE;
    }
    if (value instanceof CodeableConcept concept) {
      return text(concept);
    }
    if (value instanceof Coding coding) {
      return coding.hasDisplay() ? coding.getDisplay() : coding.getCode();
    }
    if (value instanceof Quantity quantity && quantity.hasValue()) {
      return number(quantity.getValue().doubleValue()) + (quantity.hasUnit() ? " " + quantity.getUnit() : "");
    }
    if (value instanceof org.hl7.fhir.r4.model.BooleanType bool) {
      return Boolean.TRUE.equals(bool.getValue()) ? "Yes" : "No";
    }
    return Optional.ofNullable(value.primitiveValue()).orElse(NONE);
  }

  private static Optional<Double> quantity(Type value) {
    if (value instanceof Quantity quantity && quantity.hasValue()) {
      return Optional.of(quantity.getValue().doubleValue());
    }
    if (value instanceof org.hl7.fhir.r4.model.IntegerType integer && integer.getValue() != null) {
      return Optional.of(integer.getValue().doubleValue());
    }
    return Optional.empty();
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static long minutes(Instant from, Instant to) {
    return Duration.between(from, to).toMinutes();
  }

  private String at(Instant when, Optional<Instant> dose) {
    return dose.map(given -> since(when, dose)).orElse(time(when));
  }

  private static String since(Instant when, Optional<Instant> dose) {
    return dose.map(given -> {
      long minutes = minutes(given, when);
      return (minutes >= 0 ? "+" : "") + minutes + " min";
    }).orElse("");
  }

  private String time(Instant instant) {
    return TIME.format(instant.atZone(zone));
  }

  private String dayTime(Instant instant) {
    return dayTime(instant, zone);
  }

  static String dayTime(Instant instant, ZoneId zone) {
    return DAY_TIME.format(instant.atZone(zone));
  }
}
