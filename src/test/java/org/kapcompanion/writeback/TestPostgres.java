package org.kapcompanion.writeback;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.kapcompanion.config.StoreConfig;
import org.kapcompanion.store.TestStores;

/**
 * A fresh PostgreSQL database on 127.0.0.1:5432 (trust auth, user postgres) for one test, dropped afterwards. When the
 * server is unreachable the test fails; it is never skipped.
 */
final class TestPostgres implements AutoCloseable {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private final String name = "kap_writeback_" + UUID.randomUUID().toString().replace("-", "");

  TestPostgres() throws SQLException {
    execute("create database " + name);
  }

  StoreConfig store() {
    return new StoreConfig(SERVER + name, "postgres", "", TestStores.KEY);
  }

  @Override
  public void close() throws SQLException {
    execute("drop database if exists " + name + " with (force)");
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
