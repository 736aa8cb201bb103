package org.kapcompanion.admin;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the app makes its background threads: daemon threads (they never keep the process alive) under a name that
 * says in a thread dump what they work on.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Threads all called {@code name}, for a single-thread executor or a loop. */
  public static ThreadFactory named(String name) {
    return runnable -> daemon(runnable, name);
  }

  /** Threads called {@code prefix-1}, {@code prefix-2}, … in the order they are made, for a pool. */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> daemon(runnable, prefix + "-" + count.incrementAndGet());
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
