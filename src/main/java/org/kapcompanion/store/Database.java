package org.kapcompanion.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.kapcompanion.config.StoreConfig;

/**
 * The app's own database: a pooled connection to H2 or PostgreSQL, migrated to the current schema when it opens,
 * with every commit durable at once. It can open in the background: its data source then waits until it is open.
 */
public final class Database implements AutoCloseable {

  private static final int PARSED_STATEMENTS = 64;

  private final CompletableFuture<HikariDataSource> opened;
  private final DataSource dataSource = new WaitingDataSource();

  private Database(CompletableFuture<HikariDataSource> opened) {
    this.opened = opened;
  }

  /** Connects and applies pending Flyway migrations from {@code db/migration}. */
  public static Database open(StoreConfig config) {
    Database database = opening(config, Runnable::run);
    database.awaitOpen();
    return database;
  }

  /** Starts connecting and migrating on {@code executor}; {@link #awaitOpen()} tells whether it worked. */
  public static Database opening(StoreConfig config, Executor executor) {
    return new Database(CompletableFuture.supplyAsync(() -> connect(config), executor));
  }

  private static HikariDataSource connect(StoreConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(withAppSettings(config.jdbcUrl()));
    hikari.setUsername(config.username());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(16);
    hikari.setPoolName("kap-store");
    HikariDataSource dataSource = new HikariDataSource(hikari);
    try {
      Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
      requireDurableCommits(dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return dataSource;
  }

  /**
   * H2 otherwise closes its database from its own JVM shutdown hook, while the app's hook is still letting requests
   * finish and stopping the outbox sender, which then fail against a closed store; the app closes the store itself,
   * last ({@link #close()}). H2 also keeps only 8 parsed statements per connection, fewer than a page's requests use, so
   * it would parse the same SQL again on most of them; it keeps {@value #PARSED_STATEMENTS}.
   */
  static String withAppSettings(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:h2:")) {
      return jdbcUrl;
    }
    String upper = jdbcUrl.toUpperCase(Locale.ROOT);
    String closed = upper.contains("DB_CLOSE_ON_EXIT") ? "" : ";DB_CLOSE_ON_EXIT=FALSE";
    String cached = upper.contains("QUERY_CACHE_SIZE") ? "" : ";QUERY_CACHE_SIZE=" + PARSED_STATEMENTS;
    return jdbcUrl + closed + cached;
  }

  /**
   * Makes every commit reach the database file at once. H2 otherwise writes a commit up to its {@code WRITE_DELAY}
   * (500 ms) later, so a killed process loses entries the page was told were saved; the setting is persistent.
   * PostgreSQL commits durably already.
   */
  private static void requireDurableCommits(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET WRITE_DELAY 0");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make commits durable", e);
    }
  }

  /** Waits until the database is open; throws what kept it from opening. */
  public void awaitOpen() {
    try {
      opened.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Whether the database is open (without waiting). */
  public boolean isOpen() {
    return opened.isDone() && !opened.isCompletedExceptionally();
  }

  /** The pooled connections; while the database is still opening, asking for one waits until it is open. */
  /** Deletes the rows of {@code table} whose {@code expires_at} is before {@code now}; how many were deleted. */
  public static int deleteExpired(DataSource dataSource, String table, Instant now) {
    try (Connection connection = dataSource.getConnection();
         PreparedStatement delete = connection.prepareStatement("delete from " + table + " where expires_at < ?")) {
      delete.setTimestamp(1, Timestamp.from(now));
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete expired rows of " + table, e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Closes the pool; while the database is still opening (a start that failed meanwhile), waits for that first. */
  @Override
  public void close() {
    try {
      opened.join().close();
    } catch (CompletionException neverOpened) {
      // nothing to close
    }
  }

  /** The pool once it is open. */
  private final class WaitingDataSource implements DataSource {

    private HikariDataSource pool() throws SQLException {
      try {
        return opened.join();
      } catch (CompletionException e) {
        throw new SQLException("the database did not open", e.getCause());
      }
    }

    @Override
    public Connection getConnection() throws SQLException {
      return pool().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return pool().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return pool().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      pool().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      pool().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return pool().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return type.isInstance(this) ? type.cast(this) : pool().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return type.isInstance(this) || pool().isWrapperFor(type);
    }
  }
}
