package org.kapcompanion.writeback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.kapcompanion.admin.OutboxStatus;

/** The outbox as operators see it, without clinical content: depth per tenant, failed entries, the latest problems. */
final class OutboxReport {

  private final DataSource dataSource;

  OutboxReport(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Operators' view of one tenant's outbox. */
  record Depth(String tenantId, int pending, int failed, Optional<Instant> oldestPending) {}

  /** Outbox depth and the oldest pending entry per tenant, for operators. */
  List<Depth> depth() {
    String sql = "select tenant_id, sum(case when state = 'pending' then 1 else 0 end), "
        + "sum(case when state = 'failed' then 1 else 0 end), "
        + "min(case when state = 'pending' then created_at end) from outbox_entry group by tenant_id order by tenant_id";
    List<Depth> depths = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement(sql);
         ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        depths.add(new Depth(rows.getString(1), rows.getInt(2), rows.getInt(3),
            Optional.ofNullable(rows.getTimestamp(4)).map(Timestamp::toInstant)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the outbox depth", e);
    }
    return depths;
  }

  /** The latest problems of a tenant's entries still in the outbox, newest first, without clinical content. */
  List<OutboxStatus.WriteError> lastErrors(String tenantId, int limit) {
    String sql = "select problem_at, entry_type, problem from outbox_entry where tenant_id = ? "
        + "and problem is not null order by problem_at desc";
    return tenantRows(sql, tenantId, limit, "outbox errors", rows -> new OutboxStatus.WriteError(
        rows.getTimestamp(1).toInstant(), rows.getString(2), rows.getString(3)));
  }

  /**
   * A tenant's failed entries, newest problem first: their ids, kinds and problems, never their content; at most
   * {@code limit}.
   */
  List<OutboxStatus.FailedEntry> failed(String tenantId, int limit) {
    String sql = "select entry_id, entry_type, created_at, coalesce(problem_at, created_at) failed_at, "
        + "coalesce(problem, 'failed'), unreadable from outbox_entry where tenant_id = ? and state = 'failed' "
        + "order by failed_at desc, seq";
    return tenantRows(sql, tenantId, limit, "failed entries", rows -> new OutboxStatus.FailedEntry(
        rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant(), rows.getTimestamp(4).toInstant(),
        rows.getString(5), rows.getBoolean(6)));
  }

  /** At most {@code limit} rows of one tenant's outbox query, each read by {@code row}. */
  private <T> List<T> tenantRows(String sql, String tenantId, int limit, String what, Row<T> row) {
    List<T> read = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, tenantId);
      select.setMaxRows(limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          read.add(row.read(rows));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + what, e);
    }
    return read;
  }

  /** Reads one result row into a value. */
  private interface Row<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** How many entries are due for delivery at {@code now} and not leased by a node. */
  int due(Instant now) {
    String sql = "select count(*) from outbox_entry where state = 'pending' and next_attempt_at <= ? "
        + "and (lease_until is null or lease_until < ?)";
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement(sql)) {
      select.setTimestamp(1, Timestamp.from(now));
      select.setTimestamp(2, Timestamp.from(now));
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count due entries", e);
    }
  }
}
