package org.kapcompanion.recorded;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.vocabulary.AlertCode;
import org.kapcompanion.vocabulary.ReadingKind;

/**
 * The one evaluation of the clinic's alert rules over a session's readings, used by the dosing page, the save path
 * and the review timeline alike: whether a reading is beyond its limit, and each run of consecutive out-of-limit
 * readings of one kind that satisfies its rule, or holds a severe reading, as one alert episode. Pure.
 */
public final class AlertEvaluation {

  private AlertEvaluation() {}

  /** Whether {@code reading} is beyond the clinic's alert limit for its kind. */
  public static boolean outOfLimits(ClinicalProtocol.AlertRules rules, Reading reading) {
    return switch (reading.kind()) {
      case BLOOD_PRESSURE -> reading.atLeast(rules.bloodPressure().systolic(), rules.bloodPressure().diastolic());
      case HEART_RATE -> reading.against(rules.heartRateAbove()) > 0 || slow(rules, reading);
      case OXYGEN_SATURATION -> reading.against(rules.oxygenSaturationBelow()) < 0;
      case MOAAS -> reading.against(rules.sedationAtOrBelow()) <= 0;
      default -> false;
    };
  }

  /** Whether {@code reading} alone is severe enough to raise an alert at once. */
  public static boolean severe(ClinicalProtocol.AlertRules rules, Reading reading) {
    ClinicalProtocol.Severe severe = rules.severe();
    return switch (reading.kind()) {
      case BLOOD_PRESSURE -> reading.atLeast(severe.bloodPressure().systolic(), severe.bloodPressure().diastolic());
      case HEART_RATE -> reading.against(severe.heartRateAtLeast()) >= 0 || slow(rules, reading);
      case OXYGEN_SATURATION -> reading.against(severe.oxygenSaturationBelow()) < 0;
      case MOAAS -> reading.against(severe.sedationAtOrBelow()) <= 0;
      default -> false;
    };
  }

  /** Every alert episode in {@code readings} (any order), earliest first. */
  public static List<Alert> evaluate(ClinicalProtocol.AlertRules rules, List<Reading> readings) {
    List<Alert> alerts = new ArrayList<>();
    Duration apart = Duration.ofMinutes(rules.bloodPressureMinutesApart());
    episodes(rules, readings, ReadingKind.BLOOD_PRESSURE, r -> true,
        run -> spacedCount(run, apart) >= rules.bloodPressureReadings(), AlertCode.BP_HIGH, alerts);
    Duration sustained = Duration.ofMinutes(rules.heartRateSustainedMinutes());
    episodes(rules, readings, ReadingKind.HEART_RATE, r -> !slow(rules, r),
        run -> Duration.between(run.get(0).effective(), run.get(run.size() - 1).effective()).compareTo(sustained) >= 0,
        AlertCode.HR_HIGH, alerts);
    episodes(rules, readings, ReadingKind.HEART_RATE, r -> slow(rules, r), run -> true, AlertCode.HR_LOW, alerts);
    episodes(rules, readings, ReadingKind.OXYGEN_SATURATION, r -> true, run -> true, AlertCode.SPO2_LOW, alerts);
    episodes(rules, readings, ReadingKind.MOAAS, r -> true, run -> true, AlertCode.SEDATION_DEEP, alerts);
    alerts.sort(Comparator.comparing(Alert::start));
    return alerts;
  }

  /**
   * Adds an episode per run of consecutive readings of {@code kind} beyond their limit (and {@code side}, which tells
   * a slow heart from a fast one) that meets {@code raises} or holds a severe reading.
   */
  private static void episodes(ClinicalProtocol.AlertRules rules, List<Reading> readings, ReadingKind kind,
      Predicate<Reading> side, Predicate<List<Reading>> rule, AlertCode code, List<Alert> alerts) {
    Predicate<List<Reading>> raises = run -> rule.test(run) || run.stream().anyMatch(r -> severe(rules, r));
    List<Reading> ofKind = readings.stream().filter(r -> r.kind() == kind)
        .sorted(Comparator.comparing(Reading::effective)).toList();
    List<Reading> run = new ArrayList<>();
    for (Reading reading : ofKind) {
      if (outOfLimits(rules, reading) && side.test(reading)) {
        run.add(reading);
      } else {
        close(run, raises, code, false, alerts);
        run = new ArrayList<>();
      }
    }
    close(run, raises, code, true, alerts);
  }

  private static void close(List<Reading> run, Predicate<List<Reading>> raises, AlertCode rule, boolean ongoing,
      List<Alert> alerts) {
    if (!run.isEmpty() && raises.test(run)) {
      String values = String.join(", ", run.stream().map(Reading::shown).toList());
      alerts.add(new Alert(rule, run.get(0).effective(), run.get(0).kind().label() + " " + values, ongoing));
    }
  }

  private static boolean slow(ClinicalProtocol.AlertRules rules, Reading reading) {
    return reading.kind() == ReadingKind.HEART_RATE && reading.against(rules.severe().heartRateAtMost()) <= 0;
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
