package org.kapcompanion.launch;

import com.google.gson.Gson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.Hashes;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.StoreJson;

/**
 * Launches in flight, one row per {@code state}, so two launches in two tabs or iframes never share a slot. A state
 * is consumed at most once, by the browser that started it, within its lifetime.
 */
final class LaunchStates {

  static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final Gson GSON = StoreJson.create();

  private final DataSource dataSource;
  private final SecretBox box;
  private final Clock clock;

  LaunchStates(DataSource dataSource, SecretBox box, Clock clock) {
    this.dataSource = dataSource;
    this.box = box;
    this.clock = clock;
  }

  void save(String state, String browserKey, PendingLaunch launch) {
    String sql = "insert into launch_state (state_hash, tenant_id, browser_hash, payload, expires_at) values (?,?,?,?,?)";
    try (Connection connection = dataSource.getConnection();
         PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, Hashes.sha256(state));
      insert.setString(2, launch.tenantId());
      insert.setString(3, Hashes.sha256(browserKey));
      insert.setString(4, box.seal(GSON.toJson(launch)));
      insert.setTimestamp(5, Timestamp.from(clock.instant().plus(LIFETIME)));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store launch state", e);
    }
  }

  /**
   * Removes and returns the launch for {@code state}. Empty when it never existed, was already consumed, expired,
   * or belongs to another browser; the row is deleted in every case so it can never be tried again.
   */
  Optional<PendingLaunch> consume(String state, String browserKey) {
    String hash = Hashes.sha256(state);
    try (Connection connection = dataSource.getConnection()) {
      Optional<Row> row = find(connection, hash);
      if (row.isEmpty() || !delete(connection, hash)) {
        return Optional.empty();
      }
      boolean valid = row.get().expiresAt().isAfter(clock.instant())
          && row.get().browserHash().equals(Hashes.sha256(browserKey));
      return valid ? Optional.of(GSON.fromJson(box.open(row.get().payload()), PendingLaunch.class)) : Optional.empty();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read launch state", e);
    }
  }

  /** Deletes launches that expired unused. */
  int purgeExpired() {
    return Database.deleteExpired(dataSource, "launch_state", clock.instant());
  }

  private static Optional<Row> find(Connection connection, String hash) throws SQLException {
    String sql = "select browser_hash, payload, expires_at from launch_state where state_hash = ?";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, hash);
      try (ResultSet result = select.executeQuery()) {
        return result.next()
            ? Optional.of(new Row(result.getString(1), result.getString(2), result.getTimestamp(3).toInstant()))
            : Optional.empty();
      }
    }
  }

  /** True only for the one caller whose delete removed the row, so concurrent callbacks cannot both win. */
  private static boolean delete(Connection connection, String hash) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("delete from launch_state where state_hash = ?")) {
      delete.setString(1, hash);
      return delete.executeUpdate() == 1;
    }
  }

  private record Row(String browserHash, String payload, Instant expiresAt) {}
}
