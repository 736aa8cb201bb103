package org.kapcompanion.record;

import com.google.gson.Gson;
import java.util.List;
import java.util.Map;

/** The outcome-score series as JSON for the page's chart script, which reads it from a data attribute. */
public final class ScoreChart {

  private static final Gson GSON = new Gson();

  private ScoreChart() {}

  public static String toJson(PatientRecord record) {
    if (!record.outcomeScores().isLoaded()) {
      return "[]";
    }
    List<Map<String, Object>> series = record.outcomeScores().value().stream()
        .map(s -> Map.<String, Object>of("name", s.name(), "max", s.maximum(),
            "points", s.points().stream().map(p -> Map.of("x", p.date().toString(), "y", p.value())).toList()))
        .toList();
    return GSON.toJson(series);
  }
}
