package org.kapcompanion.predose;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.FormReview;
import org.kapcompanion.forms.QuestionnaireForm;
import org.kapcompanion.record.Absence;
import org.kapcompanion.vocabulary.ItemId;
import org.kapcompanion.web.ClinicTime;

/**
 * Whether baseline vital signs count as the pre-dose baseline at the moment the checklist is judged: taken that day,
 * at most the protocol's {@code gates.baselineMaxAgeMinutes} before it, and not after it. Blood pressure, heart rate
 * and SpO₂ are judged alike, and the one time the checklist records for them ({@code baseline-taken-at}) is that of
 * the earliest, so judging it judges each of them. Pure.
 *
 * @param maxAge the protocol's longest time from reading to judgement
 * @param now when the checklist is judged, in the clinic's time zone
 */
record BaselineAge(Duration maxAge, ZonedDateTime now) {

  static final String TAKEN_AT = ItemId.BASELINE_TAKEN_AT.linkId();
  /** The baseline vital signs, whose time {@code baseline-taken-at} records. */
  static final List<String> VITALS = List.of(ItemId.BASELINE_SYSTOLIC.linkId(), ItemId.BASELINE_DIASTOLIC.linkId(),
      ItemId.BASELINE_HEART_RATE.linkId(), ItemId.BASELINE_SPO2.linkId());
  /** The baseline items, which the record may fill only from a reading recent enough. */
  static final Set<String> BASELINE = Set.copyOf(Stream.concat(VITALS.stream(), Stream.of(TAKEN_AT)).toList());
  /** How far a reading's time may lie after now and still count, for a device clock a little ahead of the app's. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final DateTimeFormatter DAY_AND_CLOCK = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm");

  static BaselineAge of(int maxAgeMinutes, ZonedDateTime now) {
    return new BaselineAge(Duration.ofMinutes(maxAgeMinutes), now);
  }

  /** Why a reading taken at {@code taken} is not a pre-dose baseline now; empty when it is. */
  Optional<String> problem(Instant taken) {
    ZonedDateTime at = taken.atZone(now.getZone());
    if (taken.isAfter(now.toInstant().plus(CLOCK_SKEW))) {
      return Optional.of("Taken at " + shown(at) + ", which is later than now: correct the time.");
    }
    if (!at.toLocalDate().equals(now.toLocalDate()) || Duration.between(taken, now.toInstant()).compareTo(maxAge) > 0) {
      return Optional.of("Taken " + shown(at) + ", more than " + maxAge.toMinutes() + " min ago (clinic protocol): "
          + "take the baseline again before the dose.");
    }
    return Optional.empty();
  }

  /** The time as the clinician reads it: the clock time on the day judged, else with its date. */
  String shown(ZonedDateTime at) {
    return at.toLocalDate().equals(now.toLocalDate()) ? ClinicTime.clock(at.toInstant(), at.getZone()) : DAY_AND_CLOCK.format(at);
  }

  /**
   * The record's answers with every baseline value taken from a reading too old (or of unknown time) left out; each
   * such item says instead when the record's latest reading was taken, so the clinician takes it again. The time of
   * the baseline is that of the earliest vital sign kept.
   */
  Prepopulation.Prefilled prefilled(Prepopulation.Prefilled fromRecord) {
    Answers answers = fromRecord.answers();
    Set<String> linkIds = new LinkedHashSet<>(fromRecord.linkIds());
    Map<String, Absence> absent = new LinkedHashMap<>(fromRecord.absent());
    for (String linkId : BASELINE) {
      if (!linkIds.contains(linkId)) {
        continue;
      }
      Optional<Instant> taken = Optional.ofNullable(fromRecord.takenAt().get(linkId));
      Optional<String> problem = taken.map(this::problem).orElse(Optional.of("Its time is not recorded."));
      if (problem.isPresent()) {
        String value = answers.first(linkId).map(v -> v.primitiveValue()).orElse("");
        answers = answers.with(linkId, List.of());
        linkIds.remove(linkId);
        absent.put(linkId, new Absence("Not filled in: the latest reading in the record"
            + (TAKEN_AT.equals(linkId) ? "" : " (" + value + ")") + " is not a pre-dose baseline. "
            + problem.get(), false, ""));
      }
    }
    Map<String, Instant> takenAt = new LinkedHashMap<>(fromRecord.takenAt());
    Optional<Instant> earliest = VITALS.stream().filter(linkIds::contains).map(takenAt::get)
        .filter(Objects::nonNull).min(Comparator.naturalOrder());
    if (earliest.isPresent()) {
      answers = answers.with(TAKEN_AT, List.of(new DateTimeType(Date.from(earliest.get()),
          TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(now.getZone()))));
      linkIds.add(TAKEN_AT);
      absent.remove(TAKEN_AT);
      takenAt.put(TAKEN_AT, earliest.get());
    }
    return new Prepopulation.Prefilled(answers, linkIds, Map.copyOf(absent), Map.copyOf(takenAt));
  }

  /** Whether the checklist's baseline vital signs were taken recently enough to judge the gate by. */
  boolean current(Answers answers) {
    return takenAt(answers).map(this::problem).map(Optional::isEmpty).orElse(false);
  }

  /**
   * What keeps the checklist's baseline from counting: its time not given, or too old or later than now. Empty when
   * it counts.
   */
  Optional<FormReview.Missing> blocker(QuestionnaireForm form, Answers answers) {
    String question = form.item(TAKEN_AT).map(item -> item.getText()).orElse(TAKEN_AT);
    Optional<Instant> taken = takenAt(answers);
    if (taken.isEmpty()) {
      return Optional.of(new FormReview.Missing(TAKEN_AT, question, "Not answered yet: a baseline counts only when "
          + "taken today, at most " + maxAge.toMinutes() + " min before the dose; give the time of the earliest of "
          + "its vital signs."));
    }
    return problem(taken.get()).map(reason -> new FormReview.Missing(TAKEN_AT, question, reason));
  }

  private static Optional<Instant> takenAt(Answers answers) {
    return answers.first(TAKEN_AT).filter(BaseDateTimeType.class::isInstance).map(BaseDateTimeType.class::cast)
        .map(BaseDateTimeType::getValue).map(java.util.Date::toInstant);
  }
}
