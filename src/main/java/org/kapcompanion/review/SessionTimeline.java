package org.kapcompanion.review;

import static org.kapcompanion.review.ReviewText.NONE;
import static org.kapcompanion.review.ReviewText.minutes;
import static org.kapcompanion.review.ReviewText.since;
import static org.kapcompanion.review.ReviewText.text;
import static org.kapcompanion.review.ReviewText.valueText;

import com.google.gson.Gson;
import java.time.Instant;
import java.time.ZoneId;
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
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.recorded.AlertEvaluation;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.recorded.RecordedSession;
import org.kapcompanion.recorded.SessionDecoder;
import org.kapcompanion.vocabulary.Coded;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.ReviewReason;
import org.kapcompanion.vocabulary.SessionCode;

/**
 * Pure mapping of a session as read for review into what the review page and the printed summary show: the
 * timeline with who recorded what and when, the readings chart, the REMS monitoring data, the co-signs and whether
 * anything changed after the latest one. Readings are decoded and judged against the alert limits by the same code
 * as the dosing page ({@link SessionDecoder}, {@link AlertEvaluation}).
 */
final class SessionTimeline {

  private static final Gson GSON = new Gson();

  private final ZoneId zone;
  private final ClinicalProtocol.AlertRules alerts;
  private final RemsSummary rems;
  private final Function<String, Optional<Questionnaire>> questionnaires;

  SessionTimeline(ZoneId zone, ClinicalProtocol.AlertRules alerts, ClinicalProtocol.Monitoring monitoring,
      Function<String, Optional<Questionnaire>> questionnaires) {
    this.zone = zone;
    this.alerts = alerts;
    this.rems = new RemsSummary(zone, monitoring);
    this.questionnaires = questionnaires;
  }

  SessionView view(ReviewedSessionReader.SessionRecord record) {
    Encounter encounter = record.encounter();
    RecordedSession facts = SessionDecoder.decode(record.recorded());
    Optional<Instant> dose = facts.firstDose().map(Dose::effective).or(() -> record.recorded().stream()
        .filter(MedicationAdministration.class::isInstance).map(SessionTimeline::timeOf).flatMap(Optional::stream)
        .min(Instant::compareTo));
    List<SessionFacts.CoSign> coSigns = record.provenance().stream().map(SessionFacts::coSignOf)
        .flatMap(Optional::stream).sorted(Comparator.comparing(SessionFacts.CoSign::recorded)).toList();
    Optional<SessionFacts.CoSign> latest = coSigns.isEmpty() ? Optional.empty()
        : Optional.of(coSigns.get(coSigns.size() - 1));
    Authorship authorship = new Authorship(record.provenance(), record.names(), zone);
    Instant newest = record.newest();
    Optional<SessionFacts> queueFacts = record.facts();
    ReviewEntry entry = queueFacts.map(f -> ReviewEntry.of(f, Optional.of(newest))).orElse(null);
    return new SessionView(
        encounter.getIdElement().getIdPart(),
        sessionTitle(encounter),
        encounter.getPeriod().hasStart() ? dayTime(encounter.getPeriod().getStart().toInstant()) : NONE,
        statusLabel(encounter),
        record.names().of(queueFacts.flatMap(SessionFacts::therapist), "Not recorded"),
        entry == null ? "Not a KAP session" : entry.status().display(),
        entry == null ? "reviewed" : entry.status().value(),
        entry == null ? List.of() : entry.reasons().stream().sorted().map(ReviewReason::display).toList(),
        coSigns.stream().map(c -> new SessionView.CoSignLine(record.names().of(c.supervisor(), "A supervisor"),
            dayTime(c.recorded()))).toList(),
        record.task().map(task -> task.getNote().stream().map(note -> new SessionView.Comment(
            record.names().of(note.hasAuthorReference() ? note.getAuthorReference().getReference() : "",
                "A supervisor"),
            note.hasTime() ? dayTime(note.getTime().toInstant()) : NONE, note.getText())).toList())
            .orElse(List.of()),
        rems.of(record, facts, dose),
        chart(facts.readings(), dose.or(() -> Optional.ofNullable(encounter.getPeriod().getStart())
            .map(d -> d.toInstant()))),
        timeline(record, facts, dose, latest, authorship),
        PlanSummary.of(record.plan(), zone),
        newest.toEpochMilli());
  }

  private List<SessionView.TimelineEntry> timeline(ReviewedSessionReader.SessionRecord record,
      RecordedSession facts, Optional<Instant> dose, Optional<SessionFacts.CoSign> latest, Authorship authorship) {
    record Timed(Instant at, SessionView.TimelineEntry entry) {}
    List<Timed> entries = new ArrayList<>();
    Map<Instant, List<Observation>> measurementsAt = new TreeMap<>();
    for (Resource resource : record.recorded()) {
      Instant at = timeOf(resource).orElse(SessionFacts.stored(resource));
      boolean changed = latest.filter(coSign -> authorship.changedAfter(resource, coSign)).isPresent();
      String by = authorship.recordedBy(resource);
      if (resource instanceof Observation observation && SessionDecoder.reading(observation).isPresent()) {
        measurementsAt.computeIfAbsent(at, t -> new ArrayList<>()).add(observation);
      } else if (resource instanceof Observation observation) {
        entries.add(new Timed(at, observationEntry(observation, at, dose, by, changed)));
      } else if (resource instanceof MedicationAdministration administration) {
        entries.add(new Timed(at, new SessionView.TimelineEntry(time(at), since(at, dose), "Dose",
            SessionDecoder.dose(administration).map(Dose::shown).orElse(doseText(administration)),
            lot(administration).map(lot -> List.of("Lot " + lot)).orElse(List.of()),
            by, changed, false)));
      } else if (resource instanceof QuestionnaireResponse response) {
        entries.add(new Timed(at, checklistEntry(response, at, dose, by, changed)));
      } else if (resource instanceof Flag flag) {
        entries.add(new Timed(at, new SessionView.TimelineEntry(time(at), since(at, dose), "Alert",
            text(flag.getCode()), List.of(alertStatus(flag, facts, record.names(), dose)), by, changed, true)));
      }
    }
    measurementsAt.forEach((at, observations) -> {
      List<Reading> here = observations.stream().map(SessionDecoder::reading).flatMap(Optional::stream).toList();
      boolean changed = latest.filter(c -> observations.stream().anyMatch(o -> authorship.changedAfter(o, c)))
          .isPresent();
      entries.add(new Timed(at, new SessionView.TimelineEntry(time(at), since(at, dose), "Readings",
          here.stream().map(SessionTimeline::shortReading).collect(Collectors.joining(" · ")), List.of(),
          authorship.recordedBy(observations.get(0)), changed,
          here.stream().anyMatch(r -> AlertEvaluation.outOfLimits(alerts, r)))));
    });
    return entries.stream().sorted(Comparator.comparing(Timed::at)).map(Timed::entry).toList();
  }

  /**
   * Whether the therapist acknowledged the alert, by whom and when (the acknowledging note the decoder matched to its
   * Flag), else that it was never acknowledged. The Flag's own status says only that the alert was raised.
   */
  private String alertStatus(Flag flag, RecordedSession facts, PersonNames names, Optional<Instant> dose) {
    Optional<RecordedSession.Acknowledgement> acknowledged = SessionDecoder.entryId(flag)
        .flatMap(id -> facts.alerts().stream().filter(a -> a.entryId().equals(id)).findFirst())
        .flatMap(RecordedSession.RecordedAlert::acknowledged);
    return acknowledged.map(a -> "Status: Acknowledged by " + a.by().map(who -> names.of(who, who))
            .orElse("a clinician not named") + " at " + time(a.at()) + sinceDose(a.at(), dose))
        .orElse("Status: Not acknowledged");
  }

  private static String sinceDose(Instant at, Optional<Instant> dose) {
    return dose.isPresent() ? " (" + since(at, dose) + ")" : "";
  }

  private SessionView.TimelineEntry observationEntry(Observation observation, Instant at, Optional<Instant> dose,
      String by, boolean changed) {
    Optional<SessionCode> code = observation.getCode().getCoding().stream()
        .map(c -> Coded.of(SessionCode.class, c.getSystem(), c.getCode())).flatMap(Optional::stream).findFirst();
    List<String> details = new ArrayList<>();
    observation.getNote().forEach(note -> details.add(note.getText()));
    String value = valueText(observation.getValue());
    if (code.filter(SessionCode.SESSION_NOTE::equals).isPresent()) {
      observation.getComponent().stream().map(c -> c.getValue() instanceof CodeableConcept tag ? text(tag) : "")
          .filter(tag -> !tag.isEmpty()).forEach(tag -> details.add("Tag: " + tag));
      return new SessionView.TimelineEntry(time(at), since(at, dose), "Note", value, details, by, changed, false);
    }
    if (code.filter(SessionCode.SESSION_THEME::equals).isPresent()) {
      return new SessionView.TimelineEntry(time(at), since(at, dose), "Theme", value, details, by, changed, false);
    }
    if (code.filter(SessionCode.ADVERSE_EVENT::equals).isPresent()) {
      return new SessionView.TimelineEntry(time(at), since(at, dose), "Adverse event", value, details, by, changed,
          true);
    }
    return new SessionView.TimelineEntry(time(at), since(at, dose), "Observation",
        text(observation.getCode()) + ": " + value, details, by, changed, false);
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
    return new SessionView.TimelineEntry(time(at), ReviewText.since(at, dose), "Checklist", title + " (" + status + ")",
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
                ? ReviewText.dayTime(dateTime.getValue().toInstant(), zone) : valueText(answer.getValue()))
            .collect(Collectors.joining("; ")));
      }
      collectAnswers(item.getItem(), texts, answers);
    }
  }

  /** A reading in a few characters, e.g. "BP 186/112", "SpO₂ 97%" or "SUDS 3/10". */
  private static String shortReading(Reading reading) {
    ReadingKind kind = reading.kind();
    String suffix = kind.vitalSign() ? kind.unit().filter("%"::equals).orElse("") : "/" + kind.max();
    return kind.abbreviation() + " " + reading.shown() + suffix;
  }

  /** One series per measured value (systolic and diastolic apart), on the vitals axis or the 0–10 scales axis. */
  private String chart(List<Reading> readings, Optional<Instant> zero) {
    Map<String, Series> series = new LinkedHashMap<>();
    for (Reading reading : readings) {
      ReadingKind kind = reading.kind();
      if (zero.isEmpty() || (!kind.vitalSign() && kind.max() > 10)) {
        continue;
      }
      long x = minutes(zero.get(), reading.effective());
      if (kind == ReadingKind.BLOOD_PRESSURE) {
        point(series, "Systolic BP", kind, x, reading.value());
        reading.diastolic().ifPresent(d -> point(series, "Diastolic BP", kind, x, d));
      } else {
        point(series, kind.vitalSign() ? kind.label() : kind.labelWithUnit(), kind, x, reading.value());
      }
    }
    return GSON.toJson(series.values());
  }

  /** One line of the chart as the page's script reads it. */
  private record Series(String name, String unit, String axis, List<Map<String, Object>> points) {}

  private static void point(Map<String, Series> series, String name, ReadingKind kind, long x, Number y) {
    series.computeIfAbsent(name, n -> new Series(n, kind.unit().orElse(""), kind.vitalSign() ? "vitals" : "scales",
        new ArrayList<>())).points().add(Map.of("x", x, "y", y));
  }

  /** When it happened: effective time, dose time, checklist authored time, or alert start. */
  private static Optional<Instant> timeOf(Resource resource) {
    if (resource instanceof Observation observation) {
      return SessionDecoder.instant(observation.getEffective());
    }
    if (resource instanceof MedicationAdministration administration) {
      return SessionDecoder.instant(administration.getEffective());
    }
    if (resource instanceof QuestionnaireResponse response && response.hasAuthored()) {
      return Optional.of(response.getAuthored().toInstant());
    }
    if (resource instanceof Flag flag && flag.getPeriod().hasStart()) {
      return Optional.of(flag.getPeriod().getStart().toInstant());
    }
    return Optional.empty();
  }

  static String doseText(MedicationAdministration administration) {
    MedicationAdministration.MedicationAdministrationDosageComponent dosage = administration.getDosage();
    String amount = dosage.getDose().hasValue() ? ReviewText.number(dosage.getDose().getValue()) + " "
        + Optional.ofNullable(dosage.getDose().getUnit()).orElse(dosage.getDose().getCode()) : "dose not recorded";
    String route = dosage.hasRoute() ? ", " + text(dosage.getRoute()) : "";
    return medication(administration) + " " + amount + route;
  }

  static String medication(MedicationAdministration administration) {
    return administration.hasMedicationCodeableConcept() ? text(administration.getMedicationCodeableConcept())
        : "Medication";
  }

  static Optional<String> lot(MedicationAdministration administration) {
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

  private String time(Instant instant) {
    return ReviewText.time(instant, zone);
  }

  private String dayTime(Instant instant) {
    return ReviewText.dayTime(instant, zone);
  }
}
