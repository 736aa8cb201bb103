package org.kapcompanion.monitoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.vocabulary.ReadingKind;

/**
 * Pure evaluation of the clinic's alert rules over a session's readings: each run of consecutive out-of-limit
 * readings of one kind that satisfies its rule is one alert episode.
 */
final class AlertEvaluation {

  private AlertEvaluation() {}

  /** Every alert episode in {@code readings} (any order), earliest first. */
  static List<Alert> evaluate(ClinicalProtocol.AlertRules rules, List<Reading> readings) {
    List<Alert> alerts = new ArrayList<>();
    ClinicalProtocol.BloodPressure bp = rules.bloodPressure();
    Duration apart = Duration.ofMinutes(rules.bloodPressureMinutesApart());
    episodes(readings, ReadingKind.BLOOD_PRESSURE, r -> r.value() >= bp.systolic() || r.second() >= bp.diastolic(),
        run -> spacedCount(run, apart) >= rules.bloodPressureReadings(), Alert.Rule.BP_HIGH, alerts);
    Duration sustained = Duration.ofMinutes(rules.heartRateSustainedMinutes());
    episodes(readings, ReadingKind.HEART_RATE, r -> r.value() > rules.heartRateAbove(),
        run -> Duration.between(run.get(0).effective(), run.get(run.size() - 1).effective()).compareTo(sustained) >= 0,
        Alert.Rule.HR_HIGH, alerts);
    episodes(readings, ReadingKind.OXYGEN_SATURATION, r -> r.value() < rules.oxygenSaturationBelow(), run -> true,
        Alert.Rule.SPO2_LOW, alerts);
    episodes(readings, ReadingKind.MOAAS, r -> r.value() <= rules.sedationAtOrBelow(), run -> true,
        Alert.Rule.SEDATION_DEEP, alerts);
    alerts.sort(Comparator.comparing(Alert::start));
    return alerts;
  }

  private static void episodes(List<Reading> readings, ReadingKind kind, Predicate<Reading> outOfLimits,
      Predicate<List<Reading>> raises, Alert.Rule rule, List<Alert> alerts) {
    List<Reading> ofKind = readings.stream().filter(r -> r.kind() == kind)
        .sorted(Comparator.comparing(Reading::effective)).toList();
    List<Reading> run = new ArrayList<>();
    for (Reading reading : ofKind) {
      if (outOfLimits.test(reading)) {
        run.add(reading);
      } else {
        close(run, raises, rule, false, alerts);
        run = new ArrayList<>();
      }
    }
    close(run, raises, rule, true, alerts);
  }

  private static void close(List<Reading> run, Predicate<List<Reading>> raises, Alert.Rule rule, boolean ongoing,
      List<Alert> alerts) {
    if (!run.isEmpty() && raises.test(run)) {
      String values = String.join(", ", run.stream().map(Reading::shown).toList());
      alerts.add(new Alert(rule, run.get(0).effective(), run.get(0).kind().label() + " " + values, ongoing));
    }
  }

  /** How many readings of the run count when each must be at least {@code apart} after the previous counted one. */
  private static int spacedCount(List<Reading> run, Duration apart) {
    int count = 1;
    java.time.Instant last = run.get(0).effective();
    for (Reading reading : run.subList(1, run.size())) {
      if (Duration.between(last, reading.effective()).compareTo(apart) >= 0) {
        count++;
        last = reading.effective();
      }
    }
    return count;
  }
}
