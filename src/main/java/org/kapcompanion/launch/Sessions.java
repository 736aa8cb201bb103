package org.kapcompanion.launch;

import org.kapcompanion.session.AppSession;
import com.google.gson.Gson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.Hashes;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.StoreJson;

/**
 * Stores app sessions, encrypted, under a hash of their opaque handle. A session is only returned to the browser
 * that launched it (its browser key), and never after it expired.
 */
public final class Sessions {

  private static final Gson GSON = StoreJson.create();

  private final DataSource dataSource;
  private final SecretBox box;
  private final Clock clock;

  public Sessions(DataSource dataSource, SecretBox box, Clock clock) {
    this.dataSource = dataSource;
    this.box = box;
    this.clock = clock;
  }

  void create(String handle, String browserKey, AppSession session) {
    String sql = "insert into app_session (session_hash, tenant_id, browser_hash, payload, created_at, expires_at) "
        + "values (?,?,?,?,?,?)";
    try (Connection connection = dataSource.getConnection();
         PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, Hashes.sha256(handle));
      insert.setString(2, session.tenantId());
      insert.setString(3, Hashes.sha256(browserKey));
      insert.setString(4, box.seal(GSON.toJson(session)));
      insert.setTimestamp(5, Timestamp.from(clock.instant()));
      insert.setTimestamp(6, Timestamp.from(session.expiresAt()));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store session", e);
    }
  }

  /** The live session behind {@code handle}, if it exists, has not expired and belongs to this browser. */
  public Optional<AppSession> find(String handle, String browserKey) {
    String sql = "select browser_hash, payload from app_session where session_hash = ? and expires_at > ?";
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, Hashes.sha256(handle));
      select.setTimestamp(2, Timestamp.from(clock.instant()));
      try (ResultSet result = select.executeQuery()) {
        if (!result.next() || !result.getString(1).equals(Hashes.sha256(browserKey))) {
          return Optional.empty();
        }
        return Optional.of(GSON.fromJson(box.open(result.getString(2)), AppSession.class));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read session", e);
    }
  }

  /** The live session stored under {@code sessionHash}, for server-side work that has no browser (queued writes). */
  Optional<AppSession> findByHash(String sessionHash) {
    String sql = "select payload from app_session where session_hash = ? and expires_at > ?";
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, sessionHash);
      select.setTimestamp(2, Timestamp.from(clock.instant()));
      try (ResultSet result = select.executeQuery()) {
        return result.next() ? Optional.of(GSON.fromJson(box.open(result.getString(1)), AppSession.class))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read session", e);
    }
  }

  void update(String handle, AppSession session) {
    updateByHash(Hashes.sha256(handle), session);
  }

  void updateByHash(String sessionHash, AppSession session) {
    try (Connection connection = dataSource.getConnection();
         PreparedStatement update = connection.prepareStatement(
             "update app_session set payload = ? where session_hash = ?")) {
      update.setString(1, box.seal(GSON.toJson(session)));
      update.setString(2, sessionHash);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update session", e);
    }
  }

  /** Deletes sessions that have ended. */
  int purgeExpired() {
    return Database.deleteExpired(dataSource, "app_session", clock.instant());
  }
}
