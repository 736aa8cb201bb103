package org.kapcompanion.writeback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the sender's delivery loop is doing: when it last made progress, and whether its claims fail. After each
 * failed claim in a row the loop pauses longer (250 ms doubling up to 30 s) instead of spinning; the failure is logged
 * when it starts or changes type and once when the loop recovers, never once per attempt.
 */
final class LoopHealth {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

  private final Clock clock;
  private volatile Instant lastProgress;
  private int failures;
  private String failing;

  LoopHealth(Clock clock) {
    this.clock = clock;
    this.lastProgress = clock.instant();
  }

  /** A claim worked (whether or not anything was due): the loop is making progress. */
  synchronized void claimed() {
    lastProgress = clock.instant();
    if (failures > 0) {
      LOG.info("outbox delivery resumed after {} failed attempt(s) to claim entries", failures);
      failures = 0;
      failing = null;
    }
  }

  /** An entry's delivery finished with an outcome recorded in the outbox. */
  void delivered() {
    lastProgress = clock.instant();
  }

  /** A claim failed; returns how long the loop waits before the next one. */
  synchronized Duration claimFailed(RuntimeException error) {
    failures++;
    String type = error.getClass().getName();
    if (!type.equals(failing)) {
      LOG.warn("outbox delivery cannot claim entries ({}); it tries again with growing pauses up to {} s", type,
          LONGEST_PAUSE.toSeconds());
      failing = type;
    }
    return pause(failures);
  }

  /** The pause after {@code failures} failed claims in a row. */
  static Duration pause(int failures) {
    long millis = FIRST_PAUSE.toMillis() << Math.min(failures - 1, 20);
    return Duration.ofMillis(Math.min(millis, LONGEST_PAUSE.toMillis()));
  }

  /** How long ago the loop last made progress. */
  Duration sinceProgress() {
    return Duration.between(lastProgress, clock.instant());
  }
}
