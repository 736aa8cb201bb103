package org.kapcompanion.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The calls to the EHR (FHIR requests, token exchanges) made while serving one request: how many, in how many
 * sequential rounds (calls that overlap in time form one round), and how long the request waited on the EHR. The
 * access log reports them, so the app's own time is the request's time minus that wait.
 */
public final class EhrCalls {

  private static final ThreadLocal<EhrCalls> CURRENT = new ThreadLocal<>();

  private final List<long[]> intervals = new ArrayList<>();

  private EhrCalls() {}

  /** What one request spent on the EHR. */
  record Summary(int calls, int rounds, Duration waited) {}

  /** An EHR call that may fail with {@code E}. */
  @FunctionalInterface
  public interface Call<T, E extends Exception> {
    T call() throws E;
  }

  /** Starts recording for the request the current thread serves. */
  static EhrCalls begin() {
    EhrCalls calls = new EhrCalls();
    CURRENT.set(calls);
    return calls;
  }

  /** Stops recording on the current thread. */
  static void end() {
    CURRENT.remove();
  }

  /** The current request's recording, or null outside a request (background work such as outbox delivery). */
  static EhrCalls current() {
    return CURRENT.get();
  }

  /** Records one call, from its start to its end in {@link System#nanoTime()}. */
  synchronized void record(long startNanos, long endNanos) {
    intervals.add(new long[] {startNanos, endNanos});
  }

  /** Runs an EHR call on the current thread, recording it for the current request. */
  public static <T, E extends Exception> T timed(Call<T, E> call) throws E {
    EhrCalls calls = CURRENT.get();
    long start = System.nanoTime();
    try {
      return call.call();
    } finally {
      if (calls != null) {
        calls.record(start, System.nanoTime());
      }
    }
  }

  /**
   * Wraps the threads that make EHR calls for requests (e.g. parallel record reads) so a task records into the
   * request that submitted it.
   */
  public static ExecutorService propagating(ExecutorService threads) {
    return new AbstractExecutorService() {
      @Override
      public void execute(Runnable task) {
        EhrCalls calls = CURRENT.get();
        threads.execute(calls == null ? task : () -> {
          CURRENT.set(calls);
          try {
            task.run();
          } finally {
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

  /** The calls so far; overlapping calls merge into one round, and the wait is the time covered by any call. */
  synchronized Summary summary() {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(interval -> interval[0]));
    int rounds = 0;
    long waited = 0;
    long roundStart = 0;
    long roundEnd = Long.MIN_VALUE;
    for (long[] interval : sorted) {
      if (interval[0] > roundEnd) {
        waited += rounds == 0 ? 0 : roundEnd - roundStart;
        rounds++;
        roundStart = interval[0];
        roundEnd = interval[1];
      } else {
        roundEnd = Math.max(roundEnd, interval[1]);
      }
    }
    waited += rounds == 0 ? 0 : roundEnd - roundStart;
    return new Summary(sorted.size(), rounds, Duration.ofNanos(waited));
  }
}
