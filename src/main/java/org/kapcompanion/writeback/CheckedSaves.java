package org.kapcompanion.writeback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * Stores an entry only when the caller's check of the patient's undelivered entries lets it, one check-and-store of a
 * patient at a time on every node sharing the store: the patient's row of {@code patient_save_lock} is locked from
 * before the outbox is read until the entry is committed. A node's own requests queue on a local lock first, so they
 * do not each hold a pooled connection while waiting.
 */
final class CheckedSaves {

  private static final String UNIQUE_VIOLATION = "23505";
  /**
   * Local locks by patient hash: two patients sharing one only wait for each other on this node. Fewer than half the
   * pool's connections ({@link org.kapcompanion.store.Database}), since a check holding one may read the outbox again on
   * another.
   */
  private static final int STRIPES = 8;

  private final DataSource dataSource;
  private final Outbox outbox;
  private final SessionEntries sessionEntries;
  private final Lock[] stripes = Stream.generate(ReentrantLock::new).limit(STRIPES).toArray(Lock[]::new);

  CheckedSaves(DataSource dataSource, Outbox outbox, SessionEntries sessionEntries) {
    this.dataSource = dataSource;
    this.outbox = outbox;
    this.sessionEntries = sessionEntries;
  }

  /** What the check and the store came to: refused by the check, or what the outbox did with the entry. */
  sealed interface Outcome<R> {
    record Refused<R>(R reason) implements Outcome<R> {}

    record Stored<R>(Outbox.Stored stored) implements Outcome<R> {}
  }

  /**
   * Runs {@code check} over the targets of {@code type} of every user's undelivered entries of the destination's
   * patient and, unless it refuses, stores the entry; the patient stays locked until the entry is committed. Nothing
   * is stored when the check refuses or throws.
   */
  <R> Outcome<R> store(Outbox.Destination destination, EntryResources resources, String entryType, ResourceType type,
      SaveCheck<R> check) {
    String patient = destination.patientHash();
    Lock local = stripes[Math.floorMod(patient.hashCode(), STRIPES)];
    local.lock();
    try (Connection connection = dataSource.getConnection()) {
      ensureLockRow(connection, patient);
      connection.setAutoCommit(false);
      try {
        lock(connection, patient);
        Optional<R> refusal = check.refusal(sessionEntries.undelivered(connection, patient, type));
        if (refusal.isPresent()) {
          connection.rollback();
          return new Outcome.Refused<>(refusal.get());
        }
        Outbox.Stored stored = outbox.enqueue(connection, destination, resources, entryType);
        if (stored == Outbox.Stored.NEW) {
          connection.commit();
        } else {
          connection.rollback();
        }
        return new Outcome.Stored<>(stored);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check and store the entry", e);
    } finally {
      local.unlock();
    }
  }

  /** Adds the patient's lock row unless it is there; another node adding it at the same time is as good. */
  private static void ensureLockRow(Connection connection, String patientHash) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("insert into patient_save_lock (patient_hash) "
        + "select ? where not exists (select 1 from patient_save_lock where patient_hash = ?)")) {
      insert.setString(1, patientHash);
      insert.setString(2, patientHash);
      insert.executeUpdate();
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  /** Locks the patient's row until the transaction ends; waits while another node holds it. */
  private static void lock(Connection connection, String patientHash) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "select patient_hash from patient_save_lock where patient_hash = ? for update")) {
      select.setString(1, patientHash);
      try (ResultSet row = select.executeQuery()) {
        row.next();
      }
    }
  }
}
