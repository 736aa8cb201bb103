package org.kapcompanion.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

  private static final Runnable NOTHING = () -> {};

  @Test
  void namedThreadsAllCarryTheNameAndAreDaemons() {
    assertThat(twoThreadsOf(DaemonThreads.named("kap-review-pickup"))).extracting(Thread::getName, Thread::isDaemon)
        .containsExactly(tuple("kap-review-pickup", true), tuple("kap-review-pickup", true));
  }

  @Test
  void numberedThreadsCountFromOneInTheOrderTheyAreMadeAndAreDaemons() {
    assertThat(twoThreadsOf(DaemonThreads.numbered("kap-outbox"))).extracting(Thread::getName, Thread::isDaemon)
        .containsExactly(tuple("kap-outbox-1", true), tuple("kap-outbox-2", true));
  }

  @Test
  void eachNumberedFactoryCountsOnItsOwn() {
    DaemonThreads.numbered("kap-fhir-read").newThread(NOTHING);

    assertThat(DaemonThreads.numbered("kap-background").newThread(NOTHING).getName()).isEqualTo("kap-background-1");
  }

  @Test
  void aThreadRunsTheTaskItWasMadeFor() throws InterruptedException {
    boolean[] ran = new boolean[1];

    Thread thread = DaemonThreads.named("kap-session-purge").newThread(() -> ran[0] = true);
    thread.start();
    thread.join();

    assertThat(ran[0]).isTrue();
  }

  private static List<Thread> twoThreadsOf(ThreadFactory threads) {
    return List.of(threads.newThread(NOTHING), threads.newThread(NOTHING));
  }
}
