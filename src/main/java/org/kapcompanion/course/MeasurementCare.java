package org.kapcompanion.course;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.config.CourseRules;
import org.kapcompanion.recorded.Codings;
import org.kapcompanion.recorded.SessionDecoder;
import org.kapcompanion.vocabulary.OutcomeScore;

/**
 * Measurement-based care over the course: each outcome scale against the course's baseline, with response (at least
 * 50 % lower) and remission (below the cut-off) marked and the next re-measurement due. Pure.
 */
final class MeasurementCare {

  private MeasurementCare() {}

  /** The progress of every outcome scale, in the vocabulary's order. */
  static List<ScaleProgress> of(List<Resource> observations, Optional<LocalDate> courseStart, CourseRules rules,
      LocalDate today, ZoneId zone) {
    List<ScaleProgress> progress = new ArrayList<>();
    for (OutcomeScore scale : OutcomeScore.values()) {
      progress.add(progress(scale, scores(observations, scale, zone), courseStart, rules, today));
    }
    return progress;
  }

  static ScaleProgress progress(OutcomeScore scale, List<ScaleProgress.Score> scores, Optional<LocalDate> courseStart,
      CourseRules rules, LocalDate today) {
    int remissionBelow = scale == OutcomeScore.PCL5 ? rules.pcl5RemissionBelow()
        : CourseRules.PHQ9_GAD7_REMISSION_BELOW;
    String range = scale.range();
    if (scores.isEmpty()) {
      return new ScaleProgress(scale.label(), range, Optional.empty(), "", Optional.empty(), Optional.empty(), false,
          false, remissionBelow, Optional.empty(), scale == OutcomeScore.PHQ9);
    }
    ScaleProgress.Score latest = scores.get(scores.size() - 1);
    Optional<ScaleProgress.Score> before = courseStart.flatMap(start -> scores.stream()
        .filter(s -> !s.date().isAfter(start)).reduce((a, b) -> b));
    ScaleProgress.Score baseline = before.orElse(scores.get(0));
    String note = courseStart.isEmpty() ? "no dose recorded yet: the first score"
        : before.isPresent() ? "" : "none before the first dose: the first score after it";
    Optional<Integer> reduction = baseline.value() > 0 && latest != baseline
        ? Optional.of((int) Math.round(100.0 * (baseline.value() - latest.value()) / baseline.value()))
        : Optional.empty();
    boolean response = reduction.filter(r -> r >= 50).isPresent();
    LocalDate due = latest.date().plusDays(rules.remeasureEveryDays());
    return new ScaleProgress(scale.label(), range, Optional.of(baseline), note, Optional.of(latest), reduction,
        response, latest.value() < remissionBelow, remissionBelow, Optional.of(due), !due.isAfter(today));
  }

  private static List<ScaleProgress.Score> scores(List<Resource> observations, OutcomeScore scale, ZoneId zone) {
    return observations.stream().filter(Observation.class::isInstance).map(Observation.class::cast)
        .filter(o -> Codings.carries(o.getCode(), scale.code()))
        .flatMap(o -> SessionDecoder.instant(o.getEffective()).flatMap(at -> value(o)
            .map(v -> new ScaleProgress.Score(at.atZone(zone).toLocalDate(), v))).stream())
        .sorted(Comparator.comparing(ScaleProgress.Score::date))
        .toList();
  }

  private static Optional<Integer> value(Observation observation) {
    if (observation.hasValueIntegerType()) {
      return Optional.ofNullable(observation.getValueIntegerType().getValue());
    }
    if (observation.hasValueQuantity() && observation.getValueQuantity().hasValue()) {
      java.math.BigDecimal total = observation.getValueQuantity().getValue();
      return total.stripTrailingZeros().scale() <= 0 ? Optional.of(total.intValueExact()) : Optional.empty();
    }
    return Optional.empty();
  }
}
