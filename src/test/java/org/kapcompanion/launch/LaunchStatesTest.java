package org.kapcompanion.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;
import org.kapcompanion.testing.MutableClock;

class LaunchStatesTest {

  private Database database;
  private MutableClock clock;
  private LaunchStates states;

  @BeforeEach
  void setUp() {
    database = TestStores.inMemory();
    clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    states = new LaunchStates(database.dataSource(), new SecretBox(TestStores.KEY), clock);
  }

  @AfterEach
  void tearDown() {
    database.close();
  }

  @Test
  void stateIsConsumedOnce() {
    states.save("state-1", "browser-a", launch());
    assertThat(states.consume("state-1", "browser-a")).hasValueSatisfying(l -> {
      assertThat(l.codeVerifier()).isEqualTo("verifier");
      assertThat(l.launch()).contains("launch-1");
    });
    assertThat(states.consume("state-1", "browser-a")).isEmpty();
  }

  @Test
  void forgedStateIsRejected() {
    states.save("state-1", "browser-a", launch());
    assertThat(states.consume("state-2", "browser-a")).isEmpty();
  }

  @Test
  void stateFromAnotherBrowserIsRejectedAndBurned() {
    states.save("state-1", "browser-a", launch());
    assertThat(states.consume("state-1", "browser-b")).isEmpty();
    assertThat(states.consume("state-1", "browser-a")).isEmpty();
  }

  @Test
  void expiredStateIsRejected() {
    states.save("state-1", "browser-a", launch());
    clock.advance(LaunchStates.LIFETIME.plusSeconds(1));
    assertThat(states.consume("state-1", "browser-a")).isEmpty();
  }

  @Test
  void twoLaunchesInTwoTabsKeepTheirOwnState() {
    states.save("tab-1", "browser-a", launch());
    states.save("tab-2", "browser-a", new PendingLaunch("t", "other-verifier", "n", List.of(), false,
        Optional.of("launch-2"), URI.create("http://localhost/callback"), false, false));
    assertThat(states.consume("tab-2", "browser-a")).hasValueSatisfying(l -> assertThat(l.launch()).contains("launch-2"));
    assertThat(states.consume("tab-1", "browser-a")).hasValueSatisfying(l -> assertThat(l.launch()).contains("launch-1"));
  }

  @Test
  void concurrentCallbacksWithTheSameStateLetOnlyOneThrough() throws Exception {
    states.save("state-1", "browser-a", launch());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Callable<Boolean> attempt = () -> states.consume("state-1", "browser-a").isPresent();
      List<Future<Boolean>> results = pool.invokeAll(java.util.Collections.nCopies(8, attempt));
      long winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void purgeRemovesOnlyExpiredLaunches() {
    states.save("old", "browser-a", launch());
    clock.advance(LaunchStates.LIFETIME.plusSeconds(1));
    states.save("new", "browser-a", launch());
    assertThat(states.purgeExpired()).isEqualTo(1);
    assertThat(states.consume("new", "browser-a")).isPresent();
  }

  @Test
  void storedPayloadIsEncrypted() throws Exception {
    states.save("state-1", "browser-a", launch());
    try (var connection = database.dataSource().getConnection();
         var result = connection.createStatement().executeQuery("select payload, state_hash from launch_state")) {
      result.next();
      assertThat(result.getString(1)).doesNotContain("verifier").doesNotContain("launch-1");
      assertThat(result.getString(2)).doesNotContain("state-1");
    }
  }

  private static PendingLaunch launch() {
    return new PendingLaunch("sandbox", "verifier", "nonce", List.of("openid"), false, Optional.of("launch-1"),
        URI.create("http://localhost/callback"), false, false);
  }
}
