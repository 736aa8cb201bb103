package org.kapcompanion.review;

import static org.kapcompanion.review.ReviewText.minutes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.recorded.Checklist;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.recorded.RecordedSession;
import org.kapcompanion.recorded.SessionDecoder;
import org.kapcompanion.vocabulary.ItemId;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReadingKind;

/**
 * The REMS monitoring data of a session from its decoded facts: every dose and their total, blood pressure before
 * (with when the pre-dose baseline was taken), around the protocol's mid-session time and at the end, monitoring
 * time, sedation below the protocol's MOAA/S baseline, dissociation and adverse events. Times are minutes since the
 * first dose; the mid-session and end blood pressures follow the latest dose, as the monitoring schedule does after a
 * top-up.
 */
final class RemsSummary {

  /** What a field says when the session's record does not give it: not a dash a reader may take for "none". */
  static final String NONE = "Not recorded in this session";

  private final ZoneId zone;
  private final ClinicalProtocol.Monitoring monitoring;

  RemsSummary(ZoneId zone, ClinicalProtocol.Monitoring monitoring) {
    this.zone = zone;
    this.monitoring = monitoring;
  }

  /**
   * The summary of a session.
   *
   * @param dose the first dose's time (else the earliest administration's), which the summary's times count from
   */
  SessionView.Rems of(ReviewedSessionReader.SessionRecord record, RecordedSession facts, Optional<Instant> dose) {
    List<MedicationAdministration> unread = record.recorded().stream()
        .filter(MedicationAdministration.class::isInstance).map(MedicationAdministration.class::cast)
        .filter(given -> SessionDecoder.dose(given).isEmpty()).toList();
    Optional<Checklist> discharge = facts.checklist(KapUrls.DISCHARGE_CHECKLIST);
    List<Reading> pressures = facts.readings(ReadingKind.BLOOD_PRESSURE);
    ClinicalProtocol.RemsWindow window = monitoring.remsBloodPressure();
    String bpBefore = checklistPressure(facts.checklist(KapUrls.PREDOSE_CHECKLIST), ItemId.BASELINE_SYSTOLIC,
        ItemId.BASELINE_DIASTOLIC, "pre-dose checklist")
        .or(() -> pressures.stream().filter(r -> dose.isEmpty() || !r.effective().isAfter(dose.get()))
            .reduce((a, b) -> b).map(r -> pressureAt(r, dose)))
        .orElse(NONE);
    Optional<Instant> latest = facts.latestDose().map(Dose::effective).or(() -> dose);
    String bpMidSession = midSession(pressures, latest, dose, facts.doses().size() > 1);
    String bpAtEnd = checklistPressure(discharge, ItemId.DISCHARGE_SYSTOLIC, ItemId.DISCHARGE_DIASTOLIC,
        "discharge checklist")
        .or(() -> latest.flatMap(given -> pressures.stream()
            .filter(r -> minutes(given, r.effective()) > window.toMinutes()).reduce((a, b) -> b))
            .map(r -> pressureAt(r, dose)))
        .orElse(NONE);
    Optional<Instant> readyToLeave = discharge.flatMap(d -> d.answer(ItemId.READY_TO_LEAVE_TIME))
        .filter(DateTimeType.class::isInstance).map(v -> ((DateTimeType) v).getValue().toInstant());
    String monitored = monitored(record, facts, discharge, dose);
    List<String> sedation = sedation(facts.readings(ReadingKind.MOAAS), dose);
    List<String> dissociation = Stream.concat(facts.readings(ReadingKind.DISSOCIATION).stream(),
            facts.readings(ReadingKind.CADSS).stream())
        .sorted(Comparator.comparing(Reading::effective))
        .map(r -> r.kind().labelWithUnit() + ": " + r.shown() + " at " + at(r.effective(), dose)).toList();
    List<String> adverse = facts.adverseEvents().stream().map(e -> e.display() + " at " + at(e.effective(), dose)
        + (e.note().isBlank() ? "" : " — " + e.note())).toList();
    return new SessionView.Rems(
        medication(facts, unread),
        doses(facts, unread),
        total(facts, unread),
        dose.map(d -> ReviewText.dayTime(d, zone)).orElse(NONE),
        baselineTakenAt(facts.checklist(KapUrls.PREDOSE_CHECKLIST)),
        bpBefore, bpMidSession, bpAtEnd, monitored, readyToLeave.map(d -> ReviewText.dayTime(d, zone)).orElse(NONE),
        sedation, dissociation, adverse);
  }

  /**
   * The blood pressure closest to the protocol's mid-session time after the latest dose, within its window; after a
   * top-up it says how long after that dose it was taken.
   */
  private String midSession(List<Reading> pressures, Optional<Instant> latest, Optional<Instant> dose,
      boolean topUp) {
    ClinicalProtocol.RemsWindow window = monitoring.remsBloodPressure();
    return latest.flatMap(given -> pressures.stream()
            .filter(r -> minutes(given, r.effective()) >= window.fromMinutes()
                && minutes(given, r.effective()) <= window.toMinutes())
            .min(Comparator.comparing(r -> Math.abs(minutes(given, r.effective()) - window.atMinutes())))
            .map(r -> pressureAt(r, dose) + (topUp ? " (" + minutes(given, r.effective())
                + " min after the latest dose)" : "")))
        .orElse(NONE);
  }

  private static String medication(RecordedSession facts, List<MedicationAdministration> unread) {
    List<String> drugs = Stream.concat(facts.doses().stream().map(d -> d.drug().label()),
        unread.stream().map(SessionTimeline::medication)).distinct().toList();
    return drugs.isEmpty() ? NONE : String.join(", ", drugs);
  }

  /** Each dose as "10:02 — Ketamine 32 mg IM, lot KX1"; an administration that cannot be read is listed as such. */
  private List<String> doses(RecordedSession facts, List<MedicationAdministration> unread) {
    List<String> lines = new ArrayList<>();
    facts.doses().forEach(d -> lines.add(ReviewText.time(d.effective(), zone) + " — " + d.shown()
        + (d.lot().isBlank() ? "" : ", lot " + d.lot())));
    unread.forEach(given -> lines.add(SessionDecoder.instant(given.getEffective())
        .map(at -> ReviewText.time(at, zone) + " — ").orElse("") + SessionTimeline.doseText(given)
        + " — could not be read as a dose, not in the total: check the chart"));
    return List.copyOf(lines);
  }

  private static String total(RecordedSession facts, List<MedicationAdministration> unread) {
    if (facts.doses().isEmpty()) {
      return NONE;
    }
    String count = facts.doses().size() == 1 ? "1 dose" : facts.doses().size() + " doses";
    return facts.doseTotal() + " (" + count + (unread.isEmpty() ? ")" : "; " + unread.size() + " more "
        + (unread.size() == 1 ? "administration" : "administrations") + " could not be read: check the chart)");
  }

  /**
   * Minutes from the dose (else the session's start) to the discharge as the record has it: when the discharge
   * checklist was recorded, else the session's end, else the last reading. A checklist answer that differs is shown
   * beside it, never in its place.
   */
  private static String monitored(ReviewedSessionReader.SessionRecord record, RecordedSession facts,
      Optional<Checklist> discharge, Optional<Instant> dose) {
    Optional<Instant> from = dose.or(() -> Optional.ofNullable(record.encounter().getPeriod().getStart())
        .map(d -> d.toInstant()));
    Optional<Instant> to = discharge.map(Checklist::authored)
        .or(() -> Optional.ofNullable(record.encounter().getPeriod().getEnd()).map(d -> d.toInstant()))
        .or(() -> facts.readings().stream().map(Reading::effective).max(Comparator.naturalOrder()));
    Optional<String> fromRecord = from.flatMap(start -> to.map(end -> minutes(start, end) + " min"));
    Optional<String> typed = discharge.flatMap(d -> d.answer(ItemId.MONITORING_MINUTES)).map(ReviewText::valueText)
        .map(minutes -> minutes + " min");
    if (fromRecord.isEmpty()) {
      return typed.map(minutes -> minutes + " (as typed in the discharge checklist)").orElse(NONE);
    }
    return fromRecord.get() + typed.filter(minutes -> !minutes.equals(fromRecord.get()))
        .map(minutes -> " (the discharge checklist says " + minutes + ")").orElse("");
  }

  /**
   * The MOAA/S scores below the protocol's baseline; when every score recorded is at or above it, one line saying so,
   * so that a session with scores is never reported as one without.
   */
  private List<String> sedation(List<Reading> scores, Optional<Instant> dose) {
    BigDecimal baseline = BigDecimal.valueOf(monitoring.moaasBaseline());
    List<String> below = scores.stream().filter(r -> r.value().compareTo(baseline) < 0)
        .map(r -> "MOAA/S " + r.shown() + " at " + at(r.effective(), dose)).toList();
    if (!below.isEmpty() || scores.isEmpty()) {
      return below;
    }
    Reading lowest = scores.stream().min(Comparator.comparing(Reading::value)).orElseThrow();
    return List.of("None below " + monitoring.moaasBaseline() + " (baseline): " + scores.size()
        + (scores.size() == 1 ? " score" : " scores") + " recorded, lowest MOAA/S " + lowest.shown() + " at "
        + at(lowest.effective(), dose));
  }

  /** When the pre-dose checklist says its baseline vital signs were taken, on the clinic's clock. */
  private String baselineTakenAt(Optional<Checklist> predose) {
    return predose.flatMap(c -> c.answer(ItemId.BASELINE_TAKEN_AT)).filter(BaseDateTimeType.class::isInstance)
        .map(v -> ((BaseDateTimeType) v).getValue()).filter(java.util.Objects::nonNull)
        .map(taken -> ReviewText.dayTime(taken.toInstant(), zone)).orElse(NONE);
  }

  private static Optional<String> checklistPressure(Optional<Checklist> checklist, ItemId systolic,
      ItemId diastolic, String source) {
    return checklist.flatMap(c -> c.answer(systolic).flatMap(s -> c.answer(diastolic)
        .map(d -> ReviewText.valueText(s) + "/" + ReviewText.valueText(d) + " " + unit() + " (" + source + ")")));
  }

  private String pressureAt(Reading reading, Optional<Instant> dose) {
    return reading.withUnit() + " at " + at(reading.effective(), dose);
  }

  private String at(Instant when, Optional<Instant> dose) {
    return dose.isPresent() ? ReviewText.since(when, dose) : ReviewText.time(when, zone);
  }

  private static String unit() {
    return ReadingKind.BLOOD_PRESSURE.unit().orElseThrow();
  }
}
