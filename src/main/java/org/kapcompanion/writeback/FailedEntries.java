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

  private boolean retry(String entryId, Optional<String> sessionHash) {
    return changeFailed("update outbox_entry set state = 'pending', attempts = 0, next_attempt_at = ?, "
        + "reason = null, unreadable = false", Optional.of(Timestamp.from(clock.instant())), entryId, sessionHash);
  }

  private boolean discard(String entryId, Optional<String> sessionHash) {
    return changeFailed("delete from outbox_entry", Optional.empty(), entryId, sessionHash);
  }

  /** Runs {@code change} on the failed entry {@code entryId} (of the session, when given); true when it changed. */
  private boolean changeFailed(String change, Optional<Timestamp> now, String entryId, Optional<String> sessionHash) {
    String sql = change + " where entry_id = ? and state = 'failed'"
        + sessionHash.map(s -> " and session_hash = ?").orElse("");
    try (Connection connection = dataSource.getConnection();
         PreparedStatement statement = connection.prepareStatement(sql)) {
      int parameter = 1;
      if (now.isPresent()) {
        statement.setTimestamp(parameter++, now.get());
      }
      statement.setString(parameter++, entryId);
      if (sessionHash.isPresent()) {
        statement.setString(parameter, sessionHash.get());
      }
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot change the failed entry", e);
    }
  }
}
