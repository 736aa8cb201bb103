package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.StoreJson;
import org.kapcompanion.store.TestStores;
import org.kapcompanion.testing.TestEnvironment;

/**
 * Delivery when the EHR stops accepting a session's access token: the sender refreshes it and succeeds; when the
 * refresh token is revoked too, the entry stays pending, the user is told to launch again, and a new launch of the
 * same user for the same patient delivers it.
 */
class TokenExpiryIT {

  private static final String PATIENT = "kap-pt-03";
  private static final String ENCOUNTER = "kap-pt-03-dose-01";
  @RegisterExtension
  static final LaunchFixture launches = new LaunchFixture();

  @Test
  void rejectedAccessTokenIsRefreshedDuringDeliveryAndTheEntryIsSaved() throws Exception {
    SessionClient session = launches.launch(PATIENT, ENCOUNTER);
    AppSession stored = launches.stored(session);
    replaceTokens(session, stored, new AppSession.Tokens("rejected-access-token", stored.tokens().refreshToken(),
        Instant.now().plusSeconds(3600)));
    String id = UUID.randomUUID().toString();

    assertThat(session.saveNote(id, "Settled after the music changed.", "music-change").status()).isEqualTo(200);

    assertThat(EntriesIT.awaitState(session, id, "saved", Duration.ofSeconds(120))).isTrue();
    AppSession refreshed = launches.stored(session);
    assertThat(refreshed.tokens().accessToken()).isNotEqualTo("rejected-access-token");
    assertThat(launches.fhir(refreshed)
        .countByIdentifier("Observation", PATIENT, id)).isEqualTo(1);
  }

  @Test
  void revokedRefreshTokenKeepsTheEntryPendingUntilTheUserLaunchesAgain() throws Exception {
    SessionClient session = launches.launch(PATIENT, ENCOUNTER);
    AppSession stored = launches.stored(session);
    replaceTokens(session, stored, new AppSession.Tokens("rejected-access-token",
        Optional.of("revoked-refresh-token"), Instant.now().plusSeconds(3600)));
    String id = UUID.randomUUID().toString();

    assertThat(session.saveNote(id, "Asked for a blanket.", "positioning-change").status()).isEqualTo(200);

    assertThat(awaitReason(session, id, OutboxSender.RELAUNCH, Duration.ofSeconds(120))).isTrue();
    assertThat(EntriesIT.stateOf(session, id)).isEqualTo("pending");
    SessionClient relaunched = launches.launch(PATIENT, ENCOUNTER);
    assertThat(EntriesIT.awaitState(relaunched, id, "saved", Duration.ofSeconds(120))).isTrue();
    AppSession fresh = launches.stored(relaunched);
    assertThat(launches.fhir(fresh)
        .countByIdentifier("Observation", PATIENT, id)).isEqualTo(1);
  }

  private static boolean awaitReason(SessionClient session, String id, String reason, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (session.status().body().contains(reason) && session.status().body().contains(id)) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private static void replaceTokens(SessionClient session, AppSession stored, AppSession.Tokens tokens)
      throws Exception {
    JdbcDataSource store = new JdbcDataSource();
    store.setURL(TestEnvironment.storeUrl(TestEnvironment.PUBLIC_CLIENT));
    try (Connection connection = store.getConnection();
         PreparedStatement update = connection.prepareStatement(
             "update app_session set payload = ? where session_hash = ?")) {
      update.setString(1, new SecretBox(TestStores.KEY).seal(StoreJson.create().toJson(stored.withTokens(tokens))));
      update.setString(2, session.sessionHash());
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }
}
