package org.kapcompanion.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

/** Where the review queue resumes each change feed of a tenant's EHR; a watermark only ever moves forward. */
final class FeedWatermarks {

  private final DataSource dataSource;

  FeedWatermarks(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  Map<ChangeFeed, Instant> of(String tenantId) {
    Map<ChangeFeed, Instant> marks = new EnumMap<>(ChangeFeed.class);
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement(
             "select feed, through_epoch_ms from review_feed where tenant_id = ?")) {
      select.setString(1, tenantId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long through = rows.getLong(2);
          ChangeFeed.named(rows.getString(1)).ifPresent(feed -> marks.put(feed, Instant.ofEpochMilli(through)));
        }
      }
      return marks;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the review feed watermarks", e);
    }
  }

  void advance(String tenantId, Map<ChangeFeed, Instant> marks) {
    try (Connection connection = dataSource.getConnection()) {
      for (Map.Entry<ChangeFeed, Instant> mark : marks.entrySet()) {
        long through = mark.getValue().toEpochMilli();
        try (PreparedStatement update = connection.prepareStatement("update review_feed set through_epoch_ms = ? "
            + "where tenant_id = ? and feed = ? and through_epoch_ms < ?")) {
          update.setLong(1, through);
          update.setString(2, tenantId);
          update.setString(3, mark.getKey().name());
          update.setLong(4, through);
          if (update.executeUpdate() == 0) {
            insertIfAbsent(connection, tenantId, mark.getKey(), through);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the review feed watermarks", e);
    }
  }

  private static void insertIfAbsent(Connection connection, String tenantId, ChangeFeed feed, long through)
      throws SQLException {
    try (PreparedStatement exists = connection.prepareStatement(
        "select 1 from review_feed where tenant_id = ? and feed = ?")) {
      exists.setString(1, tenantId);
      exists.setString(2, feed.name());
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          return;
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "insert into review_feed (tenant_id, feed, through_epoch_ms) values (?, ?, ?)")) {
      insert.setString(1, tenantId);
      insert.setString(2, feed.name());
      insert.setLong(3, through);
      insert.executeUpdate();
    } catch (SQLException e) {
      if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
        throw e;
      }
      // Another node inserted the row first (a unique-key violation): its watermark stands, ours comes next time.
    }
  }
}
