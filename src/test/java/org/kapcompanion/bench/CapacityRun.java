package org.kapcompanion.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.kapcompanion.testing.TestEnvironment;

/**
 * Concurrent therapist sessions on one app node, level after level (e.g. 100, 500, 1,000, 2,000). Sessions are
 * launched through the sandbox, straight to the notes page (launches carry over to the next level; the launch
 * itself is measured apart), then all of them act every few seconds
 * ({@code think} ± 50 %), in turn: save a note (and poll its status half a second later, as the notes page does), then
 * view a page (the notes page and the record summary alternately). After one think time to get going, a level is
 * measured over a fixed window; the app's live objects by class are written to {@code target/bench/heap-N.txt} before
 * the first level and after each. Bounded: launches stop at a deadline, every request times out, the sessions rest
 * between levels, and only 127.0.0.1 is contacted.
 */
final class CapacityRun {

  private static final Duration STATUS_POLL_AFTER = Duration.ofMillis(500);
  private static final String[][] PATIENTS = Benchmark.PATIENTS;

  /**
   * How large and how long; {@code warmUp} is how long the first level's sessions act before its measurement starts,
   * so that the levels measure a node whose JIT has compiled what serves them, as on a node in service.
   */
  record Settings(List<Integer> levels, Duration window, Duration think, Duration rampLimit, int launchers,
      Duration warmUp) {}

  /**
   * What one level measured. Page times as the load generator saw them, beyond the EHR's time in them, and the app's
   * own time in them (its access log: from the request entering the app to its answer, less the EHR's time) and the
   * time they waited in the app's server before that (from their first byte: parsing, waiting for a thread); errors
   * and failed launches counted by kind; the heap per session is the heap added since before the first capacity
   * session, per running session. {@code cpuPerSessionSecond} splits the app's CPU per session-second (ms/s) by what
   * it served: each kind of request by its access log, the JIT compilers, and "rest" for what neither accounts for
   * (delivery to the EHR, garbage collection).
   */
  record Level(int sessions, int running, Samples pageMillis, Samples pageBeyondEhrMillis, Samples pageOwnMillis,
      Samples pageQueuedMillis, Samples saveMillis, int requests, Map<String, Integer> errors,
      Map<String, Integer> launchErrors,
      double heapMegabytes, double heapPerSessionKilobytes, double appCores, double ehrAndLoadCores,
      String loadAverage, Map<String, Double> cpuPerSessionSecond) {

    int errorCount() {
      return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    int launchErrorCount() {
      return launchErrors.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private enum Kind { SAVE, STATUS, NOTES, SUMMARY }

  /** One request of the window; {@code error} is empty when it answered 200, else what went wrong. */
  private record Observed(Kind kind, double millis, String requestId, Optional<String> error) {}

  /** The requests started during one measurement window. */
  private static final class Window {
    private final Queue<Observed> observed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
  }

  /** A running session and where it is in its round of actions. */
  private static final class Simulated {
    private final TherapistSession session;
    private int step;

    private Simulated(TherapistSession session) {
      this.session = session;
    }
  }

  private final TestEnvironment environment;
  private final AppProcess app;
  private final HttpClient http;
  private final Settings settings;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final List<Simulated> sessions = new CopyOnWriteArrayList<>();
  private volatile Window window;
  private volatile int level;
  private volatile boolean running;

  CapacityRun(TestEnvironment environment, AppProcess app, HttpClient http, Settings settings) {
    this.environment = environment;
    this.app = app;
    this.http = http;
    this.settings = settings;
  }

  List<Level> run() throws Exception {
    double heapBefore = app.heapUsedAfterGcMegabytes();
    app.saveClassHistogram(AppProcess.LOG.resolveSibling("heap-0.txt"));
    List<Level> levels = new ArrayList<>();
    try {
      for (int size : settings.levels()) {
        Map<String, Integer> launchErrors = rampUpTo(size);
        int current = ++level;
        running = true;
        sessions.forEach(simulated -> scheduleNext(simulated, current));
        Thread.sleep((levels.isEmpty() ? settings.warmUp() : Duration.ZERO).plus(settings.think()).toMillis());
        app.forgetAccessLines();
        Duration appCpu = app.cpuTime();
        Duration jitCpu = app.jitCpuTime();
        Duration ownCpu = ownCpuTime();
        Window measured = new Window();
        window = measured;
        Thread.sleep(settings.window().toMillis());
        window = null;
        double seconds = settings.window().toNanos() / 1e9;
        double appCores = app.cpuTime().minus(appCpu).toNanos() / 1e9 / seconds;
        double jitCores = app.jitCpuTime().minus(jitCpu).toNanos() / 1e9 / seconds;
        double ownCores = ownCpuTime().minus(ownCpu).toNanos() / 1e9 / seconds;
        String load = Benchmark.loadAverage();
        running = false;
        for (int i = 0; i < 300 && measured.inFlight.get() > 0; i++) {
          Thread.sleep(100);
        }
        Thread.sleep(settings.think().toMillis() * 2);
        double heap = app.heapUsedAfterGcMegabytes();
        app.saveClassHistogram(AppProcess.LOG.resolveSibling("heap-" + size + ".txt"));
        double perSession = sessions.isEmpty() ? Double.NaN : (heap - heapBefore) * 1024 / sessions.size();
        Level measuredLevel = summarize(size, measured, launchErrors, heap, perSession,
            new Cores(appCores, jitCores, ownCores), load, seconds);
        levels.add(measuredLevel);
        System.out.printf("capacity: %d sessions measured; errors %s; failed launches %s%n", sessions.size(),
            measuredLevel.errors(), measuredLevel.launchErrors());
        if (app.ranOutOfHeap()) {
          throw new IllegalStateException("the app ran out of heap at " + size + " sessions; its live objects are in "
              + AppProcess.LOG.resolveSibling("heap-" + size + ".txt") + " and its log in " + AppProcess.LOG);
        }
      }
    } finally {
      running = false;
      scheduler.shutdownNow();
    }
    return levels;
  }

  /**
   * Launches sessions until there are {@code size}, with a few launchers in parallel while the others rest; returns
   * the failed launches by what went wrong.
   */
  private Map<String, Integer> rampUpTo(int size) throws InterruptedException {
    Map<String, Integer> failed = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + settings.rampLimit().toNanos();
    ExecutorService launchers = Executors.newFixedThreadPool(settings.launchers());
    for (int i = sessions.size(); i < size; i++) {
      String[] patient = PATIENTS[i % PATIENTS.length];
      launchers.execute(() -> {
        if (System.nanoTime() > deadline) {
          return;
        }
        try {
          Simulated simulated = new Simulated(TherapistSession.start(environment, http, patient[0], patient[1]));
          sessions.add(simulated);
        } catch (Exception | AssertionError e) {
          failed.merge(launchError(e), 1, Integer::sum);
        }
      });
    }
    launchers.shutdown();
    launchers.awaitTermination(settings.rampLimit().toSeconds() + 60, TimeUnit.SECONDS);
    launchers.shutdownNow();
    return new TreeMap<>(failed);
  }

  /** What made a launch fail, short: the exception type and its message's first words. */
  private static String launchError(Throwable e) {
    String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
    String kind = e.getClass().getSimpleName() + message;
    return kind.length() > 70 ? kind.substring(0, 70) + "…" : kind;
  }

  /** Schedules the session's next action, unless its level is over (sessions rest between levels). */
  private void scheduleNext(Simulated simulated, int current) {
    if (running && current == level) {
      long think = settings.think().toMillis();
      scheduler.schedule(() -> act(simulated, current),
          ThreadLocalRandom.current().nextLong(think / 2, think * 3 / 2), TimeUnit.MILLISECONDS);
    }
  }

  private void act(Simulated simulated, int current) {
    if (!running || current != level) {
      return;
    }
    int step = simulated.step++;
    TherapistSession session = simulated.session;
    Kind kind = step % 2 == 0 ? Kind.SAVE : step % 4 == 1 ? Kind.NOTES : Kind.SUMMARY;
    HttpRequest request = switch (kind) {
      case SAVE -> session.save(UUID.randomUUID().toString(), "Benchmark note: breathing settled, eyes closed.");
      case NOTES -> session.page("notes");
      default -> session.page("");
    };
    send(kind, request).whenComplete((done, error) -> {
      if (kind == Kind.SAVE && running) {
        scheduler.schedule(() -> send(Kind.STATUS, session.status()), STATUS_POLL_AFTER.toMillis(),
            TimeUnit.MILLISECONDS);
      }
      scheduleNext(simulated, current);
    });
  }

  private CompletableFuture<Void> send(Kind kind, HttpRequest request) {
    Window measured = window;
    if (measured != null) {
      measured.inFlight.incrementAndGet();
    }
    long started = System.nanoTime();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
      if (measured != null) {
        measured.observed.add(new Observed(kind, (System.nanoTime() - started) / 1e6,
            response == null ? "" : TherapistSession.requestId(response), requestError(response, error)));
        measured.inFlight.decrementAndGet();
      }
      return null;
    });
  }

  /** Empty for a 200, else the status or the exception (a timeout, a refused connection) by kind. */
  private static Optional<String> requestError(HttpResponse<?> response, Throwable error) {
    if (response != null) {
      return response.statusCode() == 200 ? Optional.empty() : Optional.of("HTTP " + response.statusCode());
    }
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return Optional.of(cause == null ? "no answer" : cause.getClass().getSimpleName());
  }

  private Level summarize(int size, Window measured, Map<String, Integer> launchErrors, double heap,
      double heapPerSession, Cores cores, String load, double seconds) {
    Map<Kind, Double> cpu = new EnumMap<>(Kind.class);
    Samples pages = new Samples();
    Samples beyondEhr = new Samples();
    Samples own = new Samples();
    Samples queued = new Samples();
    Samples saves = new Samples();
    Map<String, Integer> errors = new TreeMap<>();
    for (Observed observed : measured.observed) {
      observed.error().ifPresent(error -> errors.merge(observed.kind().name().toLowerCase(Locale.ROOT) + " "
          + error, 1, Integer::sum));
      Optional<AccessLine> line = app.takeAccessLine(observed.requestId());
      line.ifPresent(l -> cpu.merge(observed.kind(), l.cpuMillis(), Double::sum));
      if (observed.kind() == Kind.SAVE) {
        saves.add(observed.millis());
      } else if (observed.kind() != Kind.STATUS) {
        pages.add(observed.millis());
        line.ifPresent(l -> {
          beyondEhr.add(observed.millis() - l.ehrMillis());
          own.add(l.ownMillis());
          queued.add(l.queuedMillis());
        });
      }
    }
    return new Level(size, sessions.size(), pages, beyondEhr, own, queued, saves, measured.observed.size(), errors,
        launchErrors, heap, heapPerSession, cores.app(), cores.ehrAndLoad(), load,
        perSessionSecond(cpu, cores, seconds));
  }

  /** The cores used in a window: by the app, by its JIT compiler threads, and by the EHR and the load generator. */
  private record Cores(double app, double jit, double ehrAndLoad) {}

  /**
   * The CPU milliseconds by kind of request as ms per session-second, then the app's JIT compilers, then the rest of
   * the app's CPU as "rest".
   */
  private Map<String, Double> perSessionSecond(Map<Kind, Double> cpuMillis, Cores cores, double seconds) {
    int running = Math.max(1, sessions.size());
    Map<String, Double> perSecond = new LinkedHashMap<>();
    cpuMillis.forEach((kind, millis) -> perSecond.put(kind.name().toLowerCase(Locale.ROOT),
        millis / (running * seconds)));
    perSecond.put("JIT", cores.jit() * 1_000 / running);
    double accounted = perSecond.values().stream().mapToDouble(Double::doubleValue).sum();
    perSecond.put("rest", cores.app() * 1_000 / running - accounted);
    return perSecond;
  }

  private static Duration ownCpuTime() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }
}
