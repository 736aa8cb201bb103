package org.kapcompanion.recorded;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.vocabulary.ReadingKind;

/**
 * The one evaluation of the clinic's alert rules over a session's readings, used by the dosing page, the save path
 * and the review timeline alike: whether a reading is beyond its limit, and each run of consecutive out-of-limit
 * readings of one kind that satisfies its rule as one alert episode. Pure.
 */
public final class AlertEvaluation {

  private AlertEvaluation() {}

  /** Whether {@code reading} is beyond the clinic's alert limit for its kind. */
  public static boolean outOfLimits(ClinicalProtocol.AlertRules rules, Reading reading) {
    return switch (reading.kind()) {
      case BLOOD_PRESSURE -> reading.atLeast(rules.bloodPressure().systolic(), rules.bloodPressure().diastolic());
      case HEART_RATE -> reading.compareTo(rules.heartRateAbove()) > 0;
      case OXYGEN_SATURATION -> reading.compareTo(rules.oxygenSaturationBelow()) < 0;
      case MOAAS -> reading.compareTo(rules.sedationAtOrBelow()) <= 0;
      default -> false;
    };
  }

  /** Every alert episode in {@code readings} (any order), earliest first. */
  public static List<Alert> evaluate(ClinicalProtocol.AlertRules rules, List<Reading> readings) {
    List<Alert> alerts = new ArrayList<>();
    Duration apart = Duration.ofMinutes(rules.bloodPressureMinutesApart());
    episodes(rules, readings, ReadingKind.BLOOD_PRESSURE,
        run -> spacedCount(run, apart) >= rules.bloodPressureReadings(), Alert.Rule.BP_HIGH, alerts);
    Duration sustained = Duration.ofMinutes(rules.heartRateSustainedMinutes());
    episodes(rules, readings, ReadingKind.HEART_RATE,
        run -> Duration.between(run.get(0).effective(), run.get(run.size() - 1).effective()).compareTo(sustained) >= 0,
        Alert.Rule.HR_HIGH, alerts);
    episodes(rules, readings, ReadingKind.OXYGEN_SATURATION, run -> true, Alert.Rule.SPO2_LOW, alerts);
    episodes(rules, readings, ReadingKind.MOAAS, run -> true, Alert.Rule.SEDATION_DEEP, alerts);
    alerts.sort(Comparator.comparing(Alert::start));
    return alerts;
  }

  private static void episodes(ClinicalProtocol.AlertRules rules, List<Reading> readings, ReadingKind kind,
      Predicate<List<Reading>> raises, Alert.Rule rule, List<Alert> alerts) {
    List<Reading> ofKind = readings.stream().filter(r -> r.kind() == kind)
        .sorted(Comparator.comparing(Reading::effective)).toList();
    List<Reading> run = new ArrayList<>();
    for (Reading reading : ofKind) {
      if (outOfLimits(rules, reading)) {
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
    Instant last = run.get(0).effective();
    for (Reading reading : run.subList(1, run.size())) {
      if (Duration.between(last, reading.effective()).compareTo(apart) >= 0) {
        count++;
        last = reading.effective();
      }
    }
    return count;
  }
}
