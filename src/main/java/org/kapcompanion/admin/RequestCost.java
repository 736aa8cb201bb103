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
 * them, so the app's own time is the request's time minus the EHR's, and its CPU time shows apart from waiting. A call
 * made by a task submitted to worker threads belongs to the round in which the request submitted it, even when a busy
 * machine starts the task late.
 */
public final class RequestCost {

  private static final ThreadLocal<RequestCost> CURRENT = new ThreadLocal<>();
  /** When the request submitted the task this worker thread runs, until the task's first EHR call took it. */
  private static final ThreadLocal<Long> SUBMITTED = new ThreadLocal<>();
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

  /**
   * Records one EHR call, from its start to its end in {@link System#nanoTime()}; the first call of a submitted task
   * counts from the task's submission for the rounds (not for the wait).
   */
  void ehrCall(long startNanos, long endNanos) {
    Long submitted = SUBMITTED.get();
    SUBMITTED.remove();
    long issued = submitted == null ? startNanos : Math.min(submitted, startNanos);
    synchronized (this) {
      calls.add(new long[] {issued, startNanos, endNanos});
    }
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
        long submitted = System.nanoTime();
        threads.execute(cost == null ? task : () -> {
          CURRENT.set(cost);
          SUBMITTED.set(submitted);
          long cpu = threadCpuNanos();
          try {
            task.run();
          } finally {
            cost.cpu(threadCpuNanos() - cpu);
            CURRENT.remove();
            SUBMITTED.remove();
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

  /**
   * The cost so far: calls that overlap from their submission to their end merge into one round, and the wait is
   * the time covered by any call from its start to its end.
   */
  synchronized Summary summary() {
    return new Summary(calls.size(), merged(0).size(),
        Duration.ofNanos(merged(1).stream().mapToLong(span -> span[1] - span[0]).sum()),
        Duration.ofNanos(cpuNanos.get()));
  }

  /** The calls' spans from {@code call[from]} to their end, merged where they overlap. */
  private List<long[]> merged(int from) {
    List<long[]> sorted = new ArrayList<>(calls);
    sorted.sort(Comparator.comparingLong(call -> call[from]));
    List<long[]> spans = new ArrayList<>();
    for (long[] call : sorted) {
      long[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
      if (last == null || call[from] > last[1]) {
        spans.add(new long[] {call[from], call[2]});
      } else {
        last[1] = Math.max(last[1], call[2]);
      }
    }
    return spans;
  }
}
