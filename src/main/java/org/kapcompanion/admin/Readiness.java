package org.kapcompanion.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Whether this node should take traffic ({@code /ready}): every probe (store reachable, validator warm, outbox delivery
 * not stalled) passes.
 */
public final class Readiness {

  private final List<Probe> probes;

  public Readiness(List<Probe> probes) {
    this.probes = List.copyOf(probes);
  }

  /** Each probe's name and, when it does not pass now, why (without patient data), in order. */
  Map<String, Optional<String>> evaluate() {
    Map<String, Optional<String>> results = new LinkedHashMap<>();
    probes.forEach(probe -> results.put(probe.name(), probe.problem().get()));
    return results;
  }

  /** A named condition for readiness: empty while it passes, else why it does not. */
  public record Probe(String name, Supplier<Optional<String>> problem) {

    /** A probe that passes while {@code ready} says so, and otherwise says "not ready". */
    public static Probe passesWhen(String name, BooleanSupplier ready) {
      return new Probe(name, () -> ready.getAsBoolean() ? Optional.empty() : Optional.of("not ready"));
    }
  }

  /** Passes when the store answers a connection validity check within two seconds. */
  public static Probe store(DataSource dataSource) {
    return Probe.passesWhen("store", () -> {
      try (Connection connection = dataSource.getConnection()) {
        return connection.isValid(2);
      } catch (SQLException e) {
        return false;
      }
    });
  }
}
