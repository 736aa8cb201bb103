package org.kapcompanion.sandbox;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool of connections to the sandbox's H2 file database, which shuts the database down before it closes: a
 * connection HAPI's background work still holds cannot be taken back by the pool (H2 ignores an abort), and it kept
 * the old database open, and writable, after the FHIR server stopped.
 */
final class SandboxDataSource extends HikariDataSource {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxDataSource.class);

  @Override
  public void close() {
    if (!isClosed()) {
      shutDownDatabase();
    }
    super.close();
  }

  /**
   * Writes what was committed, ends every session (rolling back what was not) and closes the files, through a
   * connection of its own, so it never waits for the pool.
   */
  private void shutDownDatabase() {
    try (Connection connection = DriverManager.getConnection(getJdbcUrl(), getUsername(), getPassword());
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      LOG.warn("Sandbox database did not shut down: {}", e.getMessage());
    }
  }
}
