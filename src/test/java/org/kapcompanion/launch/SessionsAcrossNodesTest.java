package org.kapcompanion.launch;

import org.kapcompanion.session.AppSession;
import org.kapcompanion.session.LaunchContext;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.Hashes;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;
import org.kapcompanion.testing.MutableClock;

/**
 * Two app nodes on one store: what one node changes or what ends is what the
 * other answers at its next request, and a session goes only to the browser that launched it.
 */
class SessionsAcrossNodesTest {

  private static final String HANDLE = "handle-1";
  private static final String BROWSER = "browser-1";
  private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");

  private final Database store = TestStores.inMemory();
  private final MutableClock clock = new MutableClock(NOW);
  private final Sessions first = node();
  private final Sessions second = node();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void tokensRefreshedOnOneNodeAreAnsweredByTheOtherAtItsNextRequest() {
    first.create(HANDLE, BROWSER, session("token-1"));
    assertThat(first.find(HANDLE, BROWSER)).map(s -> s.tokens().accessToken()).contains("token-1");

    second.update(HANDLE, second.find(HANDLE, BROWSER).orElseThrow().withTokens(tokens("token-2")));

    assertThat(first.find(HANDLE, BROWSER)).map(s -> s.tokens().accessToken()).contains("token-2");
    assertThat(first.findByHash(Hashes.sha256(HANDLE)))
        .map(s -> s.tokens().accessToken()).contains("token-2");
  }

  @Test
  void aSessionIsNotAnsweredOnceItHasExpiredOnEitherNode() {
    first.create(HANDLE, BROWSER, session("token-1"));
    assertThat(first.find(HANDLE, BROWSER)).isPresent();
    assertThat(second.find(HANDLE, BROWSER)).isPresent();

    clock.advance(Duration.ofHours(12).plusSeconds(1));

    assertThat(first.find(HANDLE, BROWSER)).isEmpty();
    assertThat(second.find(HANDLE, BROWSER)).isEmpty();
    assertThat(first.findByHash(Hashes.sha256(HANDLE))).isEmpty();
  }

  @Test
  void aSessionThisNodeHasOpenedIsRefusedToAnotherBrowser() {
    first.create(HANDLE, BROWSER, session("token-1"));
    assertThat(first.find(HANDLE, BROWSER)).isPresent();

    assertThat(first.find(HANDLE, "browser-2")).isEmpty();
    assertThat(first.find("handle-2", BROWSER)).isEmpty();
  }

  private Sessions node() {
    return new Sessions(store.dataSource(), new SecretBox(TestStores.KEY), clock);
  }

  private static AppSession session(String accessToken) {
    return new AppSession("sandbox", URI.create("https://ehr.example.org/fhir"), tokens(accessToken),
        new LaunchContext(Optional.of("p1"), Optional.of("e1"), false), List.of("user/*.rs"), List.of(),
        Optional.of("Practitioner/p1"), false, "csrf", NOW.plus(Duration.ofHours(12)), false);
  }

  private static AppSession.Tokens tokens(String accessToken) {
    return new AppSession.Tokens(accessToken, Optional.of("refresh"), NOW.plus(Duration.ofHours(1)));
  }
}
