package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.kapcompanion.store.SecretBox;

/**
 * What a session's pages read from the outbox: the state of every entry, the entries the EHR has not confirmed, and a
 * failed entry as it was saved. Each row is read on its own, so an entry that cannot be read is reported as such and
 * never fails the page.
 */
final class SessionEntries {

  private final DataSource dataSource;
  private final SecretBox box;
  private final StoredForm form;

  SessionEntries(DataSource dataSource, SecretBox box, FhirContext fhir) {
    this.dataSource = dataSource;
    this.box = box;
    this.form = new StoredForm(fhir, box);
  }

  /**
   * What the page shows for one entry.
   *
   * @param label what the entry is, without clinical content; empty for delivered entries
   * @param at when it was saved (or, once delivered, confirmed)
   * @param unreadable whether it was set aside because it cannot be read back (retrying it cannot help)
   */
  record EntryStatus(String entryId, String state, Optional<String> reason, Optional<String> label, Instant at,
      boolean unreadable) {}

  /** Every entry of the session: pending and failed ones from the outbox, saved ones from the receipts. */
  List<EntryStatus> statuses(String sessionHash) {
    List<EntryStatus> statuses = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
         PreparedStatement entries = connection.prepareStatement("select entry_id, state, reason, label, created_at, "
             + "unreadable, entry_type from outbox_entry where session_hash = ? order by seq");
         PreparedStatement receipts = connection.prepareStatement("select entry_id, skipped, delivered_at "
             + "from outbox_receipt where session_hash = ? order by delivered_at")) {
      entries.setString(1, sessionHash);
      try (ResultSet rows = entries.executeQuery()) {
        while (rows.next()) {
          statuses.add(new EntryStatus(rows.getString(1), rows.getString(2),
              Optional.ofNullable(rows.getString(3)).map(this::reason),
              Optional.of(Optional.ofNullable(rows.getString(4)).orElse(EntryResources.kindInWords(rows.getString(7)))),
              rows.getTimestamp(5).toInstant(), rows.getBoolean(6)));
        }
      }
      receipts.setString(1, sessionHash);
      try (ResultSet rows = receipts.executeQuery()) {
        while (rows.next()) {
          statuses.add(new EntryStatus(rows.getString(1), "saved", Optional.ofNullable(rows.getString(2)),
              Optional.empty(), rows.getTimestamp(3).toInstant(), false));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read entry statuses", e);
    }
    return statuses;
  }

  /** A stored reason, or a plain one when it cannot be decrypted (it is not worth failing the page for). */
  private String reason(String sealed) {
    try {
      return box.open(sealed);
    } catch (RuntimeException e) {
      return "the reason could not be read";
    }
  }

  /**
   * The targets of an owner's entries still in the outbox (pending or failed) whose resource type is one of
   * {@code types}, oldest first. Only rows stored with one of these types, or stored before the type was recorded, are
   * decrypted; an entry that cannot be read is left out (the entry status lists it as unreadable).
   */
  List<Resource> unsent(String ownerHash, Set<ResourceType> types) {
    if (types.isEmpty()) {
      return new ArrayList<>();
    }
    String sql = "select entry_id, payload from outbox_entry where owner_hash = ? and unreadable = false "
        + "and (target_type is null or target_type in (" + String.join(",", Collections.nCopies(types.size(), "?"))
        + ")) order by seq";
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, ownerHash);
      int index = 2;
      for (ResourceType type : types) {
        select.setString(index++, type.name());
      }
      return targets(select, types);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read unsent entries", e);
    }
  }

  /**
   * The targets of {@code type} of every user's entries for a patient still in the outbox (pending or failed), oldest
   * first, as they are now (no lock is taken); an entry that cannot be read is left out.
   */
  List<Resource> undelivered(String patientHash, ResourceType type) {
    try (Connection connection = dataSource.getConnection()) {
      return undelivered(connection, patientHash, type);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read undelivered entries", e);
    }
  }

  /**
   * The targets of {@code type} of every user's entries for a patient still in the outbox (pending or failed), oldest
   * first, read on {@code connection} (in the caller's transaction); an entry that cannot be read is left out.
   */
  List<Resource> undelivered(Connection connection, String patientHash, ResourceType type) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("select entry_id, payload from outbox_entry "
        + "where patient_hash = ? and target_type = ? and state in ('pending', 'failed') and unreadable = false "
        + "order by seq")) {
      select.setString(1, patientHash);
      select.setString(2, type.name());
      return targets(select, Set.of(type));
    }
  }

  /** The targets of the rows {@code select} finds (entry id, payload) that read back as one of {@code types}. */
  private List<Resource> targets(PreparedStatement select, Set<ResourceType> types) throws SQLException {
    List<Resource> targets = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        if (form.open(rows.getString(1), rows.getString(2)) instanceof StoredForm.Readable readable
            && types.contains(readable.resources().target().getResourceType())) {
          targets.add(readable.resources().target());
        }
      }
    }
    return targets;
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
        return form.open(entryId, rows.getString(1)) instanceof StoredForm.Readable readable
            ? Optional.of(readable.resources().toEntry(rows.getString(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the entry", e);
    }
  }
}
