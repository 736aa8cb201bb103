package org.kapcompanion.admin;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What serving one request cost: the calls it made to the EHR (FHIR requests, token exchanges) — how many, in how
 * many sequential rounds (calls that overlap in time form one round), how long the request waited on them — and the
 * CPU time the app spent on it, on the request's thread and on the threads that worked for it. The access log reports
 * them, so the app's own time is the request's time minus the EHR's, and its CPU time shows apart from waiting.
 */
public final class RequestCost {

  private static final ThreadLocal<RequestCost> CURRENT = new ThreadLocal<>();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final List<long[]> calls = new ArrayList<>();
  private final AtomicLong cpuNanos = new AtomicLong();

  private RequestCost() {}

  /** What one request cost. */
  record Summary(int calls, int rounds, Duration waited, Duration cpu) {}

  /** An EHR call that may fail with {@code E}. */
  @FunctionalInterface
  public interface Call<T, E extends Exception> {
    T call() throws E;
  }

  /** Starts recording for the request the current thread serves. */
  static RequestCost begin() {
    RequestCost cost = new RequestCost();
    CURRENT.set(cost);
    return cost;
  }

  /** Stops recording on the current thread. */
  static void end() {
    CURRENT.remove();
  }

  /** The current request's recording, or null outside a request (background work such as outbox delivery). */
  static RequestCost current() {
    return CURRENT.get();
  }

  /** Records one EHR call, from its start to its end in {@link System#nanoTime()}. */
  synchronized void ehrCall(long startNanos, long endNanos) {
    calls.add(new long[] {startNanos, endNanos});
  }

  /** Adds CPU time spent for the request. */
  void cpu(long nanos) {
    cpuNanos.addAndGet(nanos);
  }

  /** The current thread's CPU time so far, in nanoseconds. */
  static long threadCpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /** Runs an EHR call on the current thread, recording it for the current request. */
  public static <T, E extends Exception> T timed(Call<T, E> call) throws E {
    RequestCost cost = CURRENT.get();
    long start = System.nanoTime();
    try {
      return call.call();
    } finally {
      if (cost != null) {
        cost.ehrCall(start, System.nanoTime());
      }
    }
  }

  /**
   * Wraps the threads that work for requests (e.g. parallel record reads) so a task's EHR calls and CPU time count
   * for the request that submitted it.
   */
  public static ExecutorService propagating(ExecutorService threads) {
    return new AbstractExecutorService() {
      @Override
      public void execute(Runnable task) {
        RequestCost cost = CURRENT.get();
        threads.execute(cost == null ? task : () -> {
          CURRENT.set(cost);
          long cpu = threadCpuNanos();
          try {
            task.run();
          } finally {
            cost.cpu(threadCpuNanos() - cpu);
            CURRENT.remove();
          }
        });
      }

      @Override
      public void shutdown() {
        threads.shutdown();
      }

      @Override
      public List<Runnable> shutdownNow() {
        return threads.shutdownNow();
      }

      @Override
      public boolean isShutdown() {
        return threads.isShutdown();
      }

      @Override
      public boolean isTerminated() {
        return threads.isTerminated();
      }

      @Override
      public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
      }
    };
  }

  /** The cost so far; overlapping calls merge into one round, and the wait is the time covered by any call. */
  synchronized Summary summary() {
    List<long[]> sorted = new ArrayList<>(calls);
    sorted.sort(Comparator.comparingLong(call -> call[0]));
    int rounds = 0;
    long waited = 0;
    long roundStart = 0;
    long roundEnd = Long.MIN_VALUE;
    for (long[] call : sorted) {
      if (call[0] > roundEnd) {
        waited += rounds == 0 ? 0 : roundEnd - roundStart;
        rounds++;
        roundStart = call[0];
        roundEnd = call[1];
      } else {
        roundEnd = Math.max(roundEnd, call[1]);
      }
    }
    waited += rounds == 0 ? 0 : roundEnd - roundStart;
    return new Summary(sorted.size(), rounds, Duration.ofNanos(waited), Duration.ofNanos(cpuNanos.get()));
  }
}
