package org.kapcompanion.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/** Whether this node should take traffic ({@code /ready}): every probe (store reachable, validator warm) passes. */
public final class Readiness {

  private final List<Probe> probes;

  public Readiness(List<Probe> probes) {
    this.probes = List.copyOf(probes);
  }

  /** Each probe's name and whether it passes now, in order. */
  Map<String, Boolean> evaluate() {
    Map<String, Boolean> results = new LinkedHashMap<>();
    probes.forEach(probe -> results.put(probe.name(), probe.ready().getAsBoolean()));
    return results;
  }

  /** A named condition for readiness. */
  public record Probe(String name, BooleanSupplier ready) {}

  /** Passes when the store answers a connection validity check within two seconds. */
  public static Probe store(DataSource dataSource) {
    return new Probe("store", () -> {
      try (Connection connection = dataSource.getConnection()) {
        return connection.isValid(2);
      } catch (SQLException e) {
        return false;
      }
    });
  }
}
