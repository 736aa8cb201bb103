package org.kapcompanion.writeback;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try an entry again: exponential backoff with equal jitter (half fixed, half random), at least the server's Retry-After, and a bounded
 * number of attempts before the entry is marked failed.
 *
 * @param base the delay ceiling after the first failure
 * @param cap the largest delay ceiling
 * @param maxAttempts attempts before an entry is marked failed
 * @param relaunchWait how long entries of a session whose tokens are gone wait before looking again
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts, Duration relaunchWait) {

  /** Delays from 1 s up to 5 min; 12 attempts span roughly half an hour of EHR trouble. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 12, Duration.ofMinutes(1));

  /** The delay before attempt {@code attempts + 1}, given the attempts made so far (at least one). */
  Duration delay(int attempts, Optional<Duration> retryAfter, RandomGenerator random) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempts - 1, 30));
    Duration jittered = Duration.ofMillis(ceiling / 2 + random.nextLong(ceiling / 2 + 1));
    return retryAfter.filter(after -> after.compareTo(jittered) > 0).orElse(jittered);
  }

  boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }
}
