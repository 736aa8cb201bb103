package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Backoff: doubling ceilings with jitter, a cap, the server's Retry-After, and a bounded number of attempts. */
class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 5,
      Duration.ofMinutes(1));
  private final RandomGenerator random = new SplittableRandom(7);

  @Test
  void delayDoublesWithJitterUpToTheCap() {
    for (int attempts = 1; attempts <= 10; attempts++) {
      long ceiling = Math.min(60_000, 1_000L << (attempts - 1));
      Duration delay = policy.delay(attempts, Optional.empty(), random);
      assertThat(delay.toMillis()).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void jitterSpreadsRetriesOfTheSameAttempt() {
    assertThat(java.util.stream.IntStream.range(0, 20)
        .mapToObj(i -> policy.delay(4, Optional.empty(), random)).distinct().count()).isGreaterThan(10);
  }

  @Test
  void retryAfterLongerThanTheBackoffIsHonoured() {
    assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(30)), random)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delay(8, Optional.of(Duration.ofSeconds(1)), random).toMillis()).isGreaterThanOrEqualTo(30_000);
  }

  @Test
  void attemptsAreBounded() {
    assertThat(policy.exhausted(4)).isFalse();
    assertThat(policy.exhausted(5)).isTrue();
  }
}
