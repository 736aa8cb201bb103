package org.kapcompanion.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A table printed as Markdown with aligned columns, so it reads in a terminal and pastes into the README. */
final class MarkdownTable {

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  MarkdownTable(String... headers) {
    this.headers = List.of(headers);
  }

  MarkdownTable row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("a row needs " + headers.size() + " cells");
    }
    rows.add(Arrays.asList(cells));
    return this;
  }

  /** A row of the latency table: what, median, p95, p99, count, and the target it is held against. */
  MarkdownTable samples(String what, Samples samples, String unit, String target) {
    return row(what, number(samples.median(), unit), number(samples.percentile(95), unit),
        number(samples.percentile(99), unit), Integer.toString(samples.count()), target);
  }

  /** A number with its unit: one decimal below 10, none above; ratios with two. */
  static String number(double value, String unit) {
    if (Double.isNaN(value)) {
      return "–";
    }
    String digits = unit.equals("×") ? "%.2f" : Math.abs(value) < 10 && value != Math.rint(value) ? "%.1f" : "%.0f";
    return String.format(Locale.ROOT, digits, value) + (unit.isEmpty() ? "" : unit.equals("×") ? "×" : " " + unit);
  }

  /** A target and whether the measured value meets it. */
  static String target(String target, boolean met) {
    return target + (met ? " — met" : " — **missed**");
  }

  @Override
  public String toString() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = Math.max(3, headers.get(i).length());
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    line(out, rule, widths);
    rows.forEach(row -> line(out, row, widths));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    out.append('|');
    for (int i = 0; i < cells.size(); i++) {
      out.append(' ').append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length())).append(" |");
    }
    out.append('\n');
  }
}
