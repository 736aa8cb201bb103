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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.kapcompanion.store.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox: entries committed here before the browser is told "saved", delivered in order per session by
 * {@link OutboxSender}, deleted once the EHR confirmed them (leaving a receipt without clinical content); the store
 * makes every commit durable at once ({@link org.kapcompanion.store.Database}). Rows are claimed with a conditional
 * update on their lease, so several nodes can share one PostgreSQL database. A row that cannot be read back is set
 * aside as failed (quarantined) when it comes due, so it never stops the others.
 */
public final class Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final String UNIQUE_VIOLATION = "23505";
  /** The reason shown to the user for an entry set aside because it cannot be read back. */
  static final String UNREADABLE = "KAP Companion could not read this entry back, so it was not sent to the EHR: "
      + "record it again, then discard this one";
  /**
   * The due heads, oldest first: a session's head is its pending entry with no earlier pending entry (one probe of
   * the session index). Ordered as the due index is, state first, so the database reads that index in order and
   * stops at the claim's limit instead of reading and sorting every pending entry each time.
   */
  static final String HEADS = "select o.entry_id, o.tenant_id, o.session_hash, o.attempts "
      + "from outbox_entry o where o.state = 'pending' and o.next_attempt_at <= ? "
      + "and (o.lease_until is null or o.lease_until < ?) "
      + "and not exists (select 1 from outbox_entry p where p.session_hash = o.session_hash "
      + "and p.state = 'pending' and p.seq < o.seq) order by o.state, o.next_attempt_at, o.seq";
  private static final String PAYLOAD = "select payload from outbox_entry where entry_id = ?";

  private final DataSource dataSource;
  private final SecretBox box;
  private final StoredForm form;
  private final Clock clock;
  private final Map<String, AtomicLong> quarantined = new ConcurrentHashMap<>();

  public Outbox(DataSource dataSource, SecretBox box, FhirContext fhir, Clock clock) {
    this.dataSource = dataSource;
    this.box = box;
    this.form = new StoredForm(fhir, box);
    this.clock = clock;
  }

  /**
   * Where a new entry goes: its tenant, its session (by hash), its owner (user and patient, by hash) and its patient
   * (tenant, EHR and patient, by hash).
   */
  record Destination(String tenantId, String sessionHash, String ownerHash, String patientHash) {}

  /** An entry claimed by one node for one delivery attempt. */
  record Claimed(String entryId, String tenantId, String sessionHash, EntryResources resources, int attempts) {}

  /** What {@link #enqueue} did with an entry. */
  enum Stored {
    /** Committed; the sender takes it from here. */
    NEW,
    /** An entry with this identifier was stored (or delivered) before; nothing was stored. */
    DUPLICATE,
    /** Not stored: its stored form would not read back as the same resources ({@link StoredForm#seal}). */
    UNREADABLE
  }

  /** Commits a new entry once its stored form is known to read back. */
  Stored enqueue(Destination destination, EntryResources resources, String entryType) {
    try (Connection connection = dataSource.getConnection()) {
      return enqueue(connection, destination, resources, entryType);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the entry", e);
    }
  }

  /**
   * Stores a new entry on {@code connection}, in its transaction when one is open (the caller commits it), once its
   * stored form is known to read back.
   */
  Stored enqueue(Connection connection, Destination destination, EntryResources resources, String entryType)
      throws SQLException {
    if (hasReceipt(connection, resources.entryId())) {
      return Stored.DUPLICATE;
    }
    Optional<String> payload = form.seal(resources);
    if (payload.isEmpty()) {
      return Stored.UNREADABLE;
    }
    String sql = "insert into outbox_entry (entry_id, tenant_id, session_hash, owner_hash, patient_hash, entry_type, "
        + "label, payload, state, attempts, next_attempt_at, created_at, target_type) "
        + "values (?,?,?,?,?,?,?,?,'pending',0,?,?,?)";
    Timestamp now = Timestamp.from(clock.instant());
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, resources.entryId());
      insert.setString(2, destination.tenantId());
      insert.setString(3, destination.sessionHash());
      insert.setString(4, destination.ownerHash());
      insert.setString(5, destination.patientHash());
      insert.setString(6, entryType);
      insert.setString(7, resources.label(entryType));
      insert.setString(8, payload.get());
      insert.setTimestamp(9, now);
      insert.setTimestamp(10, now);
      insert.setString(11, resources.target().fhirType());
      insert.executeUpdate();
      return Stored.NEW;
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return Stored.DUPLICATE;
      }
      throw e;
    }
  }

  /** Why {@link #enqueue} refused an entry as {@link Stored#UNREADABLE}, for the user. */
  ValidationProblem unstorable(EntryResources resources) {
    return form.unstorable(resources);
  }

  /**
   * Claims up to {@code limit} due entries, at most the oldest pending one of each session, for {@code lease}; the
   * leases are one commit, since every commit is written through at once (and saves wait for it). Only a leased
   * entry is decrypted and read: one that cannot be read is quarantined instead of claimed, and its session's next
   * entry comes due in the next round.
   */
  List<Claimed> claim(String node, Duration lease, int limit) {
    Instant now = clock.instant();
    List<Claimed> claimed = new ArrayList<>();
    List<Map.Entry<Head, StoredForm.Unreadable>> setAside = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      List<Head> heads = heads(connection, now, limit * 2);
      if (heads.isEmpty()) {
        return claimed;
      }
      inTransaction(connection, () -> {
        for (Head head : heads) {
          if (claimed.size() < limit && lease(connection, head.entryId(), node, now, lease)) {
            StoredForm.Opened opened = form.open(head.entryId(), payload(connection, head.entryId()));
            if (opened instanceof StoredForm.Readable readable) {
              claimed.add(new Claimed(head.entryId(), head.tenantId(), head.sessionHash(), readable.resources(),
                  head.attempts()));
            } else if (opened instanceof StoredForm.Unreadable unreadable
                && quarantine(connection, head.entryId(), unreadable, now)) {
              setAside.add(Map.entry(head, unreadable));
            }
          }
        }
      });
    } catch (SQLException e) {
      throw new IllegalStateException("cannot claim entries", e);
    }
    setAside.forEach(entry -> countQuarantined(entry.getKey(), entry.getValue()));
    return claimed;
  }

  /** Runs {@code work} on {@code connection} as one transaction: committed whole, or rolled back and rethrown. */
  private static void inTransaction(Connection connection, Transaction work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      work.run();
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }

  /** The statements of one transaction. */
  private interface Transaction {
    void run() throws SQLException;
  }

  /** A session's due head, without its payload: only a leased head's is read. */
  private record Head(String entryId, String tenantId, String sessionHash, int attempts) {}

  /** The due heads of the sessions, oldest first. */
  private static List<Head> heads(Connection connection, Instant now, int limit) throws SQLException {
    List<Head> heads = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(HEADS)) {
      select.setTimestamp(1, Timestamp.from(now));
      select.setTimestamp(2, Timestamp.from(now));
      select.setMaxRows(limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          heads.add(new Head(rows.getString(1), rows.getString(2), rows.getString(3), rows.getInt(4)));
        }
      }
    }
    return heads;
  }

  /** The sealed payload of an entry this transaction has just leased. */
  private static String payload(Connection connection, String entryId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(PAYLOAD)) {
      select.setString(1, entryId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }

  /**
   * Sets a pending entry that cannot be read aside as failed, with the error type for operators and a reason for
   * the user; counted once, by the node whose update changed it.
   */
  private boolean quarantine(Connection connection, String entryId, StoredForm.Unreadable unreadable, Instant now)
      throws SQLException {
    String sql = "update outbox_entry set state = 'failed', unreadable = true, reason = ?, problem = ?, "
        + "problem_at = ?, lease_owner = null, lease_until = null where entry_id = ? and state = 'pending'";
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, box.seal(UNREADABLE));
      update.setString(2, "stored entry unreadable (" + unreadable.cause() + ")");
      update.setTimestamp(3, Timestamp.from(now));
      update.setString(4, entryId);
      return update.executeUpdate() == 1;
    }
  }

  /** Counts and logs an entry this node set aside, once its quarantine is committed. */
  private void countQuarantined(Head head, StoredForm.Unreadable unreadable) {
    quarantined.computeIfAbsent(head.tenantId(), t -> new AtomicLong()).incrementAndGet();
    LOG.warn("entry {} (tenant {}) set aside as failed: stored entry unreadable ({})", head.entryId(),
        head.tenantId(), unreadable.cause());
  }

  /** How many entries of {@code tenantId} this node set aside as unreadable since it started. */
  long quarantined(String tenantId) {
    AtomicLong count = quarantined.get(tenantId);
    return count == null ? 0 : count.get();
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

  /**
   * The EHR confirmed the entry: its content is deleted and a receipt kept. An entry stored again while its first copy
   * was being delivered (a re-saved alert of the same episode) keeps the first receipt: the write itself is idempotent.
   */
  void delivered(Claimed entry, String reference, Optional<String> skipped) {
    try (Connection connection = dataSource.getConnection()) {
      inTransaction(connection, () -> {
        try (PreparedStatement receipt = connection.prepareStatement("insert into outbox_receipt "
                 + "(entry_id, session_hash, reference, skipped, delivered_at) select ?,?,?,?,? where not exists "
                 + "(select 1 from outbox_receipt where entry_id = ?)");
             PreparedStatement delete = connection.prepareStatement("delete from outbox_entry where entry_id = ?")) {
          receipt.setString(1, entry.entryId());
          receipt.setString(2, entry.sessionHash());
          receipt.setString(3, reference);
          receipt.setString(4, skipped.orElse(null));
          receipt.setTimestamp(5, Timestamp.from(clock.instant()));
          receipt.setString(6, entry.entryId());
          receipt.executeUpdate();
          delete.setString(1, entry.entryId());
          delete.executeUpdate();
        }
      });
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

  private static boolean hasReceipt(Connection connection, String entryId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("select 1 from outbox_receipt where entry_id = ?")) {
      select.setString(1, entryId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }
}
