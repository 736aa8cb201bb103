package org.kapcompanion.monitoring;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.vocabulary.ReadingKind;

/**
 * The dosing page's vitals chart as data: every blood pressure, heart rate and SpO₂ reading as a point at its time
 * (minutes since the first dose, to the second, on a linear axis), so two readings in the same minute are both drawn
 * and the gaps between readings are to scale; with the alert limits and a marker at each further dose (a top-up).
 * Pure.
 */
final class VitalsChart {

  private static final Gson GSON = new Gson();

  private VitalsChart() {}

  /**
   * The chart's JSON: {@code series} of {@code {x, y}} points per line, {@code xMax}, the limits, {@code furtherDoses}
   * (the minute of each dose after the first) and the time axis's title.
   *
   * @param doses the session's doses, oldest first
   * @param from what the time axis counts from: the first dose, or the session's start before one
   */
  static String json(List<Reading> readings, List<Instant> doses, Instant from, ClinicalProtocol.AlertRules rules) {
    JsonObject series = new JsonObject();
    for (String line : List.of("systolic", "diastolic", "hr", "spo2")) {
      series.add(line, new JsonArray());
    }
    BigDecimal xMax = BigDecimal.ZERO;
    for (Reading reading : readings) {
      BigDecimal x = minutes(from, reading.effective());
      if (reading.kind() == ReadingKind.BLOOD_PRESSURE) {
        series.getAsJsonArray("systolic").add(point(x, reading.value()));
        reading.diastolic().ifPresent(d -> series.getAsJsonArray("diastolic").add(point(x, d)));
      } else if (reading.kind() == ReadingKind.HEART_RATE) {
        series.getAsJsonArray("hr").add(point(x, reading.value()));
      } else if (reading.kind() == ReadingKind.OXYGEN_SATURATION) {
        series.getAsJsonArray("spo2").add(point(x, reading.value()));
      } else {
        continue;
      }
      xMax = xMax.max(x);
    }
    JsonArray furtherDoses = new JsonArray();
    for (Instant dose : doses.stream().skip(1).toList()) {
      furtherDoses.add(minutes(from, dose));
      xMax = xMax.max(minutes(from, dose));
    }
    JsonObject chart = new JsonObject();
    chart.add("series", series);
    chart.add("furtherDoses", furtherDoses);
    chart.addProperty("axis", doses.size() > 1 ? "Minutes since the first dose" : "Minutes since the dose");
    chart.addProperty("xMax", xMax);
    chart.addProperty("systolic", rules.bloodPressure().systolic());
    chart.addProperty("diastolic", rules.bloodPressure().diastolic());
    chart.addProperty("heartRate", rules.heartRateAbove());
    chart.addProperty("oxygen", rules.oxygenSaturationBelow());
    return GSON.toJson(chart);
  }

  /** Minutes from {@code from} to {@code at}, to the second (two decimals). */
  static BigDecimal minutes(Instant from, Instant at) {
    return BigDecimal.valueOf(Duration.between(from, at).toSeconds()).divide(BigDecimal.valueOf(60), 2,
        RoundingMode.HALF_UP);
  }

  private static JsonObject point(BigDecimal x, BigDecimal y) {
    JsonObject point = new JsonObject();
    point.addProperty("x", x);
    point.addProperty("y", y);
    return point;
  }
}
