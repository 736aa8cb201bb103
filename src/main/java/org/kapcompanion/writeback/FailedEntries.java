package org.kapcompanion.writeback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What a person may do with a failed entry: send it again, or give it up so it is never sent. The user may act on
 * the entries of their own session; an operator (admin token) on any, by entry id, without seeing its content.
 */
final class FailedEntries {

  private final DataSource dataSource;
  private final Clock clock;

  FailedEntries(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** The user asked to send a failed entry again; true when it was failed and belongs to the session. */
  boolean retryFailed(String sessionHash, String entryId) {
    return retry(entryId, Optional.of(sessionHash));
  }

  /** An operator asked to send a failed entry of any session again; true when it was failed. */
  boolean retryFailedByOperator(String entryId) {
    return retry(entryId, Optional.empty());
  }

  private boolean retry(String entryId, Optional<String> sessionHash) {
    String sql = "update outbox_entry set state = 'pending', attempts = 0, next_attempt_at = ?, reason = null, "
        + "unreadable = false where entry_id = ? and state = 'failed'" + sessionHash.map(s -> " and session_hash = ?")
        .orElse("");
    try (Connection connection = dataSource.getConnection();
         PreparedStatement update = connection.prepareStatement(sql)) {
      update.setTimestamp(1, Timestamp.from(clock.instant()));
      update.setString(2, entryId);
      if (sessionHash.isPresent()) {
        update.setString(3, sessionHash.get());
      }
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot retry the entry", e);
    }
  }

  /**
   * The user chose to give up a failed entry of their session (e.g. to keep someone else's newer version): it is
   * deleted without being sent. True when it was failed and belongs to the session; pending entries are never
   * discarded.
   */
  boolean discardFailed(String sessionHash, String entryId) {
    return discard(entryId, Optional.of(sessionHash));
  }

  /** An operator gave up a failed entry of any session without seeing it; true when it was failed. */
  boolean discardFailedByOperator(String entryId) {
    return discard(entryId, Optional.empty());
  }

  private boolean discard(String entryId, Optional<String> sessionHash) {
    String sql = "delete from outbox_entry where entry_id = ? and state = 'failed'"
        + sessionHash.map(s -> " and session_hash = ?").orElse("");
    try (Connection connection = dataSource.getConnection();
         PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setString(1, entryId);
      if (sessionHash.isPresent()) {
        delete.setString(2, sessionHash.get());
      }
      return delete.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot discard the entry", e);
    }
  }
}
