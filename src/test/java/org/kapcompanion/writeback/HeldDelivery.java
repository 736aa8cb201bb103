package org.kapcompanion.writeback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.kapcompanion.monitoring.NoteMapping;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.testing.StoredSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.web.BrowserCookie;

/**
 * Holds back the delivery of a launched session's entries on the public client's app node, as an earlier entry of the
 * session waiting an hour for its next attempt does: what the session saves meanwhile waits in the outbox behind it
 * (delivered in order) until {@link #close} removes it.
 */
public final class HeldDelivery implements AutoCloseable {

  private final JdbcDataSource store;
  private final String entryId;

  private HeldDelivery(JdbcDataSource store, String entryId) {
    this.store = store;
    this.entryId = entryId;
  }

  /** Holds the delivery of {@code session}'s entries, a launch for {@code patient}. */
  public static HeldDelivery of(SessionClient session, String patient) throws SQLException {
    JdbcDataSource store = new JdbcDataSource();
    store.setURL(TestEnvironment.storeUrl(TestEnvironment.PUBLIC_CLIENT));
    String browserKey = session.browser().cookie(session.base(), BrowserCookie.NAME).orElseThrow();
    AppSession app = StoredSessions.of(TestEnvironment.PUBLIC_CLIENT).find(session.handle(), browserKey).orElseThrow();
    EntryResources waiting = Deliveries.note(patient, patient + "-session", app.fhirUser().orElseThrow(), "held", 0);
    OutboxRows.storeWaiting(store, EntryService.destination(new ActiveSession(session.handle(), app)), waiting,
        NoteMapping.KIND, Instant.now().plus(Duration.ofHours(1)));
    return new HeldDelivery(store, waiting.entryId());
  }

  /** Removes the entry holding the others back, so they are delivered. */
  @Override
  public void close() throws SQLException {
    try (Connection connection = store.getConnection();
         PreparedStatement delete = connection.prepareStatement("delete from outbox_entry where entry_id = ?")) {
      delete.setString(1, entryId);
      delete.executeUpdate();
    }
  }
}
