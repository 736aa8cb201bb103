package org.kapcompanion.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewQueueCatchUpTest {

  @Test
  void loadsTheQueueAgainUntilItNoLongerSaysSessionsAreStillBeingAdded() throws Exception {
    Deque<String> pages = new ArrayDeque<>(List.of("Sessions are still being added", "Sessions are still being added",
        "Review queue", "never loaded"));
    ReviewQueueCatchUp.await(pages::pop, Duration.ofSeconds(10), Duration.ofMillis(1));
    assertThat(pages).containsExactly("never loaded");
  }

  @Test
  void aQueueThatNeverCatchesUpFailsTheTest() {
    assertThatThrownBy(() -> ReviewQueueCatchUp.await(() -> "Sessions are still being added", Duration.ofMillis(50),
        Duration.ofMillis(5))).isInstanceOf(AssertionError.class).hasMessageContaining("did not catch up");
  }
}
