package org.kapcompanion.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Measured values of one kind (milliseconds, counts, megabytes), thread-safe, with nearest-rank percentiles. */
final class Samples {

  private final List<Double> values = new ArrayList<>();

  static Samples of(Collection<Double> values) {
    Samples samples = new Samples();
    values.forEach(samples::add);
    return samples;
  }

  synchronized void add(double value) {
    values.add(value);
  }

  synchronized int count() {
    return values.size();
  }

  double median() {
    return percentile(50);
  }

  /** The nearest-rank percentile, NaN when empty. */
  synchronized double percentile(double percent) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(percent / 100 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  synchronized double max() {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
