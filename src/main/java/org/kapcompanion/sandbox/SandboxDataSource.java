package org.kapcompanion.sandbox;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
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

  /** Writes what was committed, ends every session (rolling back what was not) and closes the files. */
  private void shutDownDatabase() {
    try {
      Connection connection = getConnection();
      try (Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN");
      } finally {
        evictConnection(connection); // closed by H2 with the database; the pool drops it without using it
      }
    } catch (SQLException e) {
      LOG.warn("Sandbox database did not shut down: {}", e.getMessage());
    }
  }
}
