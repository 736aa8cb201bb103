package org.kapcompanion.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestCostTest {

  private static final long MS = 1_000_000;

  @AfterEach
  void endRequest() {
    RequestCost.end();
  }

  @Test
  void overlappingCallsAreOneRoundAndTheWaitIsTheTimeAnyCallWasOpen() {
    RequestCost cost = RequestCost.begin();
    cost.ehrCall(0, 30 * MS);
    cost.ehrCall(5 * MS, 40 * MS);
    cost.ehrCall(10 * MS, 20 * MS);

    assertThat(cost.summary()).isEqualTo(new RequestCost.Summary(3, 1, Duration.ofMillis(40), Duration.ZERO));
  }

  @Test
  void aCallStartedAfterTheOthersEndedIsAnotherRound() {
    RequestCost cost = RequestCost.begin();
    cost.ehrCall(50 * MS, 60 * MS);
    cost.ehrCall(0, 20 * MS);
    cost.ehrCall(10 * MS, 30 * MS);

    assertThat(cost.summary()).isEqualTo(new RequestCost.Summary(3, 2, Duration.ofMillis(40), Duration.ZERO));
  }

  @Test
  void aRequestWithoutCallsHasNoRounds() {
    assertThat(RequestCost.begin().summary()).isEqualTo(new RequestCost.Summary(0, 0, Duration.ZERO, Duration.ZERO));
  }

  @Test
  void callsSubmittedTogetherAreOneRoundEvenWhenTheirThreadsStartThemOneAfterAnother() throws Exception {
    ExecutorService oneThread = RequestCost.propagating(Executors.newSingleThreadExecutor());
    try {
      RequestCost cost = RequestCost.begin();
      CompletableFuture.allOf(
          CompletableFuture.runAsync(() -> RequestCost.timed(() -> pause(20)), oneThread),
          CompletableFuture.runAsync(() -> RequestCost.timed(() -> pause(20)), oneThread)).get();

      assertThat(cost.summary().rounds()).isEqualTo(1);
      assertThat(cost.summary().waited()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
    } finally {
      oneThread.shutdown();
    }
  }

  @Test
  void callsAndCpuOnPropagatingThreadsCountForTheRequestThatSubmittedThem() throws Exception {
    ExecutorService threads = RequestCost.propagating(Executors.newFixedThreadPool(2));
    try {
      RequestCost cost = RequestCost.begin();
      CompletableFuture.allOf(
          CompletableFuture.runAsync(() -> RequestCost.timed(() -> "read"), threads),
          CompletableFuture.runAsync(() -> RequestCost.timed(() -> "read"), threads)).get();
      RequestCost.end();
      CompletableFuture.runAsync(() -> RequestCost.timed(() -> "outside any request"), threads).get();

      assertThat(cost.summary().calls()).isEqualTo(2);
      assertThat(cost.summary().cpu()).isPositive();
    } finally {
      threads.shutdown();
    }
  }

  private static String pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "read";
  }
}
