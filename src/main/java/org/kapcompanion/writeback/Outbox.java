package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.admin.OutboxStatus;
import org.kapcompanion.store.SecretBox;

/**
 * The durable outbox: entries committed here before the browser is told "saved", delivered in order per session by
 * {@link OutboxSender}, deleted once the EHR confirmed them (leaving a receipt without clinical content); the store
 * makes every commit durable at once ({@link org.kapcompanion.store.Database}). Rows are
 * claimed with a conditional update on their lease, so several nodes can share one PostgreSQL database.
 */
public final class Outbox {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String HEADS = "select o.entry_id, o.tenant_id, o.session_hash, o.payload, o.attempts "
      + "from outbox_entry o where o.state = 'pending' and o.next_attempt_at <= ? "
      + "and (o.lease_until is null or o.lease_until < ?) "
      + "and o.seq = (select min(p.seq) from outbox_entry p where p.session_hash = o.session_hash "
      + "and p.state = 'pending') order by o.next_attempt_at, o.seq";

  private final DataSource dataSource;
  private final SecretBox box;
  private final FhirContext fhir;
  private final Clock clock;

  public Outbox(DataSource dataSource, SecretBox box, FhirContext fhir, Clock clock) {
    this.dataSource = dataSource;
    this.box = box;
    this.fhir = fhir;
    this.clock = clock;
  }

  /** Where a new entry goes: its tenant, its session (by hash) and its owner (user and patient, by hash). */
  record Destination(String tenantId, String sessionHash, String ownerHash) {}

  /** An entry claimed by one node for one delivery attempt. */
  record Claimed(String entryId, String tenantId, String sessionHash, EntryResources resources, int attempts) {}

  /** What the page shows for one entry. */
  record EntryStatus(String entryId, String state, Optional<String> reason) {}

  /** Operators' view of one tenant's outbox. */
  public record Depth(String tenantId, int pending, int failed, Optional<Instant> oldestPending) {}

  /** Commits a new entry; false when an entry with this identifier was stored (or delivered) before. */
  boolean enqueue(Destination destination, EntryResources resources, String entryType) {
    if (hasReceipt(resources.entryId())) {
      return false;
    }
    String sql = "insert into outbox_entry (entry_id, tenant_id, session_hash, owner_hash, entry_type, payload, "
        + "state, attempts, next_attempt_at, created_at) values (?,?,?,?,?,?,'pending',0,?,?)";
    Timestamp now = Timestamp.from(clock.instant());
    try (Connection connection = dataSource.getConnection();
         PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, resources.entryId());
      insert.setString(2, destination.tenantId());
      insert.setString(3, destination.sessionHash());
      insert.setString(4, destination.ownerHash());
      insert.setString(5, entryType);
      insert.setString(6, box.seal(fhir.newJsonParser().encodeResourceToString(resources.toBundle())));
      insert.setTimestamp(7, now);
      insert.setTimestamp(8, now);
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw new IllegalStateException("cannot store the entry", e);
    }
  }

  /**
   * Claims up to {@code limit} due entries, at most the oldest pending one of each session, for {@code lease}; the
   * leases are one commit, since every commit is written through at once (and saves wait for it).
   */
  List<Claimed> claim(String node, Duration lease, int limit) {
    Instant now = clock.instant();
    List<Claimed> claimed = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      List<Claimed> heads = heads(connection, now, limit * 2);
      if (heads.isEmpty()) {
        return claimed;
      }
      connection.setAutoCommit(false);
      try {
        for (Claimed candidate : heads) {
          if (claimed.size() < limit && lease(connection, candidate.entryId(), node, now, lease)) {
            claimed.add(candidate);
          }
        }
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot claim entries", e);
    }
    return claimed;
  }

  private List<Claimed> heads(Connection connection, Instant now, int limit) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(HEADS)) {
      select.setTimestamp(1, Timestamp.from(now));
      select.setTimestamp(2, Timestamp.from(now));
      select.setMaxRows(limit);
      List<Claimed> heads = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String entryId = rows.getString(1);
          Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, box.open(rows.getString(4)));
          heads.add(new Claimed(entryId, rows.getString(2), rows.getString(3),
              EntryResources.fromBundle(entryId, bundle), rows.getInt(5)));
        }
      }
      return heads;
    }
  }

  private static boolean lease(Connection connection, String entryId, String node, Instant now, Duration lease)
      throws SQLException {
    String sql = "update outbox_entry set lease_owner = ?, lease_until = ? where entry_id = ? and state = 'pending' "
        + "and (lease_until is null or lease_until < ?)";
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, node);
      update.setTimestamp(2, Timestamp.from(now.plus(lease)));
      update.setString(3, entryId);
      update.setTimestamp(4, Timestamp.from(now));
      return update.executeUpdate() == 1;
    }
  }

  /** The EHR confirmed the entry: its content is deleted and a receipt kept. */
  void delivered(Claimed entry, String reference, Optional<String> skipped) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement receipt = connection.prepareStatement("insert into outbox_receipt "
               + "(entry_id, session_hash, reference, skipped, delivered_at) values (?,?,?,?,?)");
           PreparedStatement delete = connection.prepareStatement("delete from outbox_entry where entry_id = ?")) {
        receipt.setString(1, entry.entryId());
        receipt.setString(2, entry.sessionHash());
        receipt.setString(3, reference);
        receipt.setString(4, skipped.orElse(null));
        receipt.setTimestamp(5, Timestamp.from(clock.instant()));
        receipt.executeUpdate();
        delete.setString(1, entry.entryId());
        delete.executeUpdate();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the delivery", e);
    }
  }

  /**
   * Why an attempt did not succeed: {@code problem} names a status or error type and is shown to operators;
   * {@code reason} is shown to the user and may quote the EHR, so it is stored encrypted.
   */
  record Problem(String problem, String reason) {}

  /** Another attempt later; counts as an attempt. */
  void retryAt(Claimed entry, Instant at, Problem problem) {
    update(entry.entryId(), "pending", entry.attempts() + 1, at, problem);
  }

  /** The entry cannot be delivered yet (no usable tokens, or an entry it refers to is unsent); not an attempt. */
  void postpone(Claimed entry, Instant at, Problem problem) {
    update(entry.entryId(), "pending", entry.attempts(), at, problem);
  }

  /** The entry will not be sent again unless the user retries it; it is never dropped. */
  void fail(Claimed entry, Problem problem) {
    update(entry.entryId(), "failed", entry.attempts() + 1, clock.instant(), problem);
  }

  private void update(String entryId, String state, int attempts, Instant next, Problem problem) {
    String sql = "update outbox_entry set state = ?, attempts = ?, next_attempt_at = ?, reason = ?, problem = ?, "
        + "problem_at = ?, lease_owner = null, lease_until = null where entry_id = ?";
    String reason = problem.reason();
    try (Connection connection = dataSource.getConnection();
         PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, state);
      update.setInt(2, attempts);
      update.setTimestamp(3, Timestamp.from(next));
      update.setString(4, box.seal(reason.length() > 500 ? reason.substring(0, 500) : reason));
      update.setString(5, problem.problem().length() > 120 ? problem.problem().substring(0, 120) : problem.problem());
      update.setTimestamp(6, Timestamp.from(clock.instant()));
      update.setString(7, entryId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update the entry", e);
    }
  }

  /** The user asked to send a failed entry again; true when it was failed and belongs to the session. */
  boolean retryFailed(String sessionHash, String entryId) {
    String sql = "update outbox_entry set state = 'pending', attempts = 0, next_attempt_at = ?, reason = null "
        + "where entry_id = ? and session_hash = ? and state = 'failed'";
    try (Connection connection = dataSource.getConnection();
         PreparedStatement update = connection.prepareStatement(sql)) {
      update.setTimestamp(1, Timestamp.from(clock.instant()));
      update.setString(2, entryId);
      update.setString(3, sessionHash);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot retry the entry", e);
    }
  }

  /** A failed entry of the session as the user made it, e.g. to show it beside the EHR's newer version. */
  Optional<Entry> failed(String sessionHash, String entryId) {
    String sql = "select payload, entry_type from outbox_entry where entry_id = ? and session_hash = ? "
        + "and state = 'failed'";
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, entryId);
      select.setString(2, sessionHash);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, box.open(rows.getString(1)));
        return Optional.of(EntryResources.fromBundle(entryId, bundle).toEntry(rows.getString(2)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the entry", e);
    }
  }

  /**
   * The user chose to give up a failed entry of their session (e.g. to keep someone else's newer version): it is
   * deleted without being sent. True when it was failed and belongs to the session; pending entries are never
   * discarded.
   */
  boolean discardFailed(String sessionHash, String entryId) {
    try (Connection connection = dataSource.getConnection();
         PreparedStatement delete = connection.prepareStatement(
             "delete from outbox_entry where entry_id = ? and session_hash = ? and state = 'failed'")) {
      delete.setString(1, entryId);
      delete.setString(2, sessionHash);
      return delete.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot discard the entry", e);
    }
  }

  /**
   * Moves the waiting entries of the same user and patient to a new launch of theirs, so entries held back by an
   * ended session are delivered with the new session's tokens. Returns how many moved. The status poll asks often,
   * so it writes (a commit, written through at once) only when there are entries to move.
   */
  int adopt(String ownerHash, String sessionHash) {
    String waiting = "select count(*) from outbox_entry where owner_hash = ? and session_hash <> ?";
    String sql = "update outbox_entry set session_hash = ?, next_attempt_at = ? where owner_hash = ? "
        + "and session_hash <> ?";
    try (Connection connection = dataSource.getConnection();
         PreparedStatement count = connection.prepareStatement(waiting);
         PreparedStatement update = connection.prepareStatement(sql)) {
      count.setString(1, ownerHash);
      count.setString(2, sessionHash);
      try (ResultSet rows = count.executeQuery()) {
        if (!rows.next() || rows.getInt(1) == 0) {
          return 0;
        }
      }
      update.setString(1, sessionHash);
      update.setTimestamp(2, Timestamp.from(clock.instant()));
      update.setString(3, ownerHash);
      update.setString(4, sessionHash);
      return update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot move entries to the new session", e);
    }
  }

  /** Every entry of the session: pending and failed ones from the outbox, saved ones from the receipts. */
  List<EntryStatus> statuses(String sessionHash) {
    List<EntryStatus> statuses = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
         PreparedStatement entries = connection.prepareStatement(
             "select entry_id, state, reason from outbox_entry where session_hash = ? order by seq");
         PreparedStatement receipts = connection.prepareStatement(
             "select entry_id, skipped from outbox_receipt where session_hash = ? order by delivered_at")) {
      entries.setString(1, sessionHash);
      try (ResultSet rows = entries.executeQuery()) {
        while (rows.next()) {
          statuses.add(new EntryStatus(rows.getString(1), rows.getString(2),
              Optional.ofNullable(rows.getString(3)).map(box::open)));
        }
      }
      receipts.setString(1, sessionHash);
      try (ResultSet rows = receipts.executeQuery()) {
        while (rows.next()) {
          statuses.add(new EntryStatus(rows.getString(1), "saved", Optional.ofNullable(rows.getString(2))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read entry statuses", e);
    }
    return statuses;
  }

  /** The latest problems of a tenant's entries still in the outbox, newest first, without clinical content. */
  List<OutboxStatus.WriteError> lastErrors(String tenantId, int limit) {
    String sql = "select problem_at, entry_type, problem from outbox_entry where tenant_id = ? "
        + "and problem is not null order by problem_at desc";
    List<OutboxStatus.WriteError> errors = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, tenantId);
      select.setMaxRows(limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          errors.add(new OutboxStatus.WriteError(rows.getTimestamp(1).toInstant(), rows.getString(2),
              rows.getString(3)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read outbox errors", e);
    }
    return errors;
  }

  /** Deletes receipts of entries confirmed before {@code before}; returns how many. */
  int purgeReceipts(Instant before) {
    try (Connection connection = dataSource.getConnection();
         PreparedStatement delete = connection.prepareStatement(
             "delete from outbox_receipt where delivered_at < ?")) {
      delete.setTimestamp(1, Timestamp.from(before));
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot purge receipts", e);
    }
  }

  /** Outbox depth and the oldest pending entry per tenant, for operators. */
  public List<Depth> depth() {
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

  /** The targets of an owner's entries still in the outbox (pending or failed), oldest first. */
  List<Resource> unsent(String ownerHash) {
    List<Resource> targets = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement(
             "select payload from outbox_entry where owner_hash = ? order by seq")) {
      select.setString(1, ownerHash);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, box.open(rows.getString(1)));
          targets.add(bundle.getEntryFirstRep().getResource());
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read unsent entries", e);
    }
    return targets;
  }

  /** Where another entry stands: written (with the EHR's reference), still waiting in the outbox, or unknown. */
  EntryReferences.Standing standing(String entryId) {
    try (Connection connection = dataSource.getConnection();
         PreparedStatement receipt = connection.prepareStatement(
             "select reference from outbox_receipt where entry_id = ?");
         PreparedStatement waiting = connection.prepareStatement("select 1 from outbox_entry where entry_id = ?")) {
      receipt.setString(1, entryId);
      try (ResultSet rows = receipt.executeQuery()) {
        if (rows.next()) {
          return new EntryReferences.Standing.Written(rows.getString(1));
        }
      }
      waiting.setString(1, entryId);
      try (ResultSet rows = waiting.executeQuery()) {
        return rows.next() ? new EntryReferences.Standing.Waiting() : new EntryReferences.Standing.Unknown();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read receipts", e);
    }
  }

  private boolean hasReceipt(String entryId) {
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement(
             "select 1 from outbox_receipt where entry_id = ?")) {
      select.setString(1, entryId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read receipts", e);
    }
  }
}
