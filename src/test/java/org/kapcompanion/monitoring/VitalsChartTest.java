package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.vocabulary.ReadingKind;

/** The dosing page's vitals chart data: every reading kept, at its time, on a linear axis. */
class VitalsChartTest {

  private static final Instant DOSE = Instant.parse("2026-12-03T13:00:00Z");
  private static final ClinicalProtocol.AlertRules RULES = new ClinicalProtocol.AlertRules(
      new ClinicalProtocol.BloodPressure(160, 100), 2, 5, 120, 5, 92, 2, null);

  @Test
  void twoReadingsInTheSameMinuteAreBothKept() {
    JsonObject chart = chart(List.of(
        Reading.of("a", ReadingKind.BLOOD_PRESSURE, DOSE.plusSeconds(7 * 60 + 5), 150, 95),
        Reading.of("b", ReadingKind.BLOOD_PRESSURE, DOSE.plusSeconds(7 * 60 + 40), 172, 104)));
    JsonArray systolic = chart.getAsJsonObject("series").getAsJsonArray("systolic");
    assertThat(systolic).hasSize(2);
    assertThat(point(systolic, 0)).containsExactly(7.08, 150.0);
    assertThat(point(systolic, 1)).containsExactly(7.67, 172.0);
    assertThat(point(chart.getAsJsonObject("series").getAsJsonArray("diastolic"), 1)).containsExactly(7.67, 104.0);
  }

  @Test
  void theTimeAxisIsToScaleNotOneStepPerReading() {
    JsonObject chart = chart(List.of(
        Reading.of("0", ReadingKind.HEART_RATE, DOSE, 80, 0),
        Reading.of("1", ReadingKind.HEART_RATE, DOSE.plusSeconds(60), 84, 0),
        Reading.of("3", ReadingKind.HEART_RATE, DOSE.plusSeconds(180), 90, 0),
        Reading.of("7", ReadingKind.HEART_RATE, DOSE.plusSeconds(420), 88, 0),
        Reading.of("s", ReadingKind.MOAAS, DOSE.plusSeconds(600), 4, 0)));
    JsonArray heartRate = chart.getAsJsonObject("series").getAsJsonArray("hr");
    assertThat(heartRate).hasSize(4);
    assertThat(List.of(point(heartRate, 0)[0], point(heartRate, 1)[0], point(heartRate, 2)[0], point(heartRate, 3)[0]))
        .containsExactly(0.0, 1.0, 3.0, 7.0);
    assertThat(chart.get("xMax").getAsDouble()).isEqualTo(7.0);
    assertThat(chart.get("systolic").getAsInt()).isEqualTo(160);
  }

  @Test
  void aTopUpIsMarkedAtItsMinuteOnTheAxisThatCountsFromTheFirstDose() {
    JsonObject chart = JsonParser.parseString(VitalsChart.json(List.of(
        Reading.of("0", ReadingKind.HEART_RATE, DOSE.plusSeconds(600), 80, 0)),
        List.of(DOSE, DOSE.plusSeconds(25 * 60)), DOSE, RULES)).getAsJsonObject();

    assertThat(chart.getAsJsonArray("furtherDoses")).singleElement()
        .satisfies(x -> assertThat(x.getAsDouble()).isEqualTo(25.0));
    assertThat(chart.get("xMax").getAsDouble()).isEqualTo(25.0);
    assertThat(chart.get("axis").getAsString()).isEqualTo("Minutes since the first dose");
  }

  private static JsonObject chart(List<Reading> readings) {
    return JsonParser.parseString(VitalsChart.json(readings, List.of(DOSE), DOSE, RULES)).getAsJsonObject();
  }

  private static double[] point(JsonArray points, int index) {
    JsonObject point = points.get(index).getAsJsonObject();
    return new double[] {point.get("x").getAsDouble(), point.get("y").getAsDouble()};
  }
}
