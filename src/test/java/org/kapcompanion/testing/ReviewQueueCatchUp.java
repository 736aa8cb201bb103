package org.kapcompanion.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Waits for the review queue to catch up with the EHR: loads it again, a second apart, while it says that sessions
 * are still being added (the pickup a supervisor's sign-in or button starts), and fails when it has not caught up.
 */
public final class ReviewQueueCatchUp {

  /** What the queue says while its index is catching up. */
  static final String STILL_BEING_ADDED = "still being added";
  private static final Duration TWO_MINUTES = Duration.ofMinutes(2);

  private ReviewQueueCatchUp() {}

  /** Loads the queue with {@code load} (which answers the page's text) until it is complete, within two minutes. */
  public static void await(Callable<String> load) throws Exception {
    await(load, TWO_MINUTES, Duration.ofSeconds(1));
  }

  /** Loads the queue with {@code load} until it is complete, within {@code limit}, waiting {@code pause} between. */
  public static void await(Callable<String> load, Duration limit, Duration pause) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (load.call().contains(STILL_BEING_ADDED)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the review queue did not catch up with the EHR within " + limit);
      }
      Thread.sleep(pause.toMillis());
    }
  }
}
