package org.kapcompanion.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EhrCallsTest {

  private static final long MS = 1_000_000;

  @AfterEach
  void endRequest() {
    EhrCalls.end();
  }

  @Test
  void overlappingCallsAreOneRoundAndTheWaitIsTheTimeAnyCallWasOpen() {
    EhrCalls calls = EhrCalls.begin();
    calls.record(0, 30 * MS);
    calls.record(5 * MS, 40 * MS);
    calls.record(10 * MS, 20 * MS);

    assertThat(calls.summary()).isEqualTo(new EhrCalls.Summary(3, 1, Duration.ofMillis(40)));
  }

  @Test
  void aCallStartedAfterTheOthersEndedIsAnotherRound() {
    EhrCalls calls = EhrCalls.begin();
    calls.record(50 * MS, 60 * MS);
    calls.record(0, 20 * MS);
    calls.record(10 * MS, 30 * MS);

    assertThat(calls.summary()).isEqualTo(new EhrCalls.Summary(3, 2, Duration.ofMillis(40)));
  }

  @Test
  void aRequestWithoutCallsHasNoRounds() {
    assertThat(EhrCalls.begin().summary()).isEqualTo(new EhrCalls.Summary(0, 0, Duration.ZERO));
  }

  @Test
  void callsOnPropagatingThreadsCountForTheRequestThatSubmittedThem() throws Exception {
    ExecutorService threads = EhrCalls.propagating(Executors.newFixedThreadPool(2));
    try {
      EhrCalls calls = EhrCalls.begin();
      CompletableFuture.allOf(
          CompletableFuture.runAsync(() -> EhrCalls.timed(() -> "read"), threads),
          CompletableFuture.runAsync(() -> EhrCalls.timed(() -> "read"), threads)).get();
      EhrCalls.end();
      CompletableFuture.runAsync(() -> EhrCalls.timed(() -> "outside any request"), threads).get();

      assertThat(calls.summary().calls()).isEqualTo(2);
    } finally {
      threads.shutdown();
    }
  }
}
