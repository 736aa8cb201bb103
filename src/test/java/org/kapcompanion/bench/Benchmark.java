package org.kapcompanion.bench;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.kapcompanion.record.RecordReads;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.TestEnvironment;

/**
 * The project's benchmark against the performance targets of the design (§7): start-up, launch, save, the app's
 * overhead over direct FHIR reads, and capacity in concurrent sessions. The app runs as its own JVM from the built
 * jar ({@code -Xmx512m}); the sandbox EHR and the load run in this JVM; everything talks over 127.0.0.1. Prints one
 * Markdown table of latencies and one of capacity, and writes them to {@code target/bench/results.md}.
 *
 * <p>Run {@code mvn -q -Pbench verify} (about 15 minutes) or {@code mvn -q -Pbench verify -Dbench=quick} (a smoke
 * run of a few minutes). Not a test: {@code mvn test} compiles it but never runs it.
 */
public final class Benchmark {

  /** Patients of the sandbox seed with one of their dosing sessions, launched in turn. */
  static final String[][] PATIENTS = {{"kap-pt-01", "kap-pt-01-dose-02"}, {"kap-pt-02", "kap-pt-02-dose-02"},
      {"kap-pt-03", "kap-pt-03-dose-02"}, {"kap-pt-04", "kap-pt-04-dose-01"}, {"kap-pt-05", "kap-pt-05-dose-02"}};

  private static final String THERAPIST = "Practitioner/" + Launches.THERAPIST;
  /** The node's JVM options as the README ("The JVM and load") gives them, less the exit on running out of heap. */
  private static final List<String> NODE_JVM = List.of("-Xmx512m", "-XX:-G1UseAdaptiveIHOP",
      "-XX:InitiatingHeapOccupancyPercent=75");
  /** The JVM options of the app under load: its heap, and any from {@code -Dbench.appJvm} (e.g. a flight recording). */
  private static final List<String> APP_OPTIONS = Stream.concat(NODE_JVM.stream(),
      Arrays.stream(System.getProperty("bench.appJvm", "").split("\\s+")).filter(option -> !option.isBlank()))
      .toList();
  private static final Duration START_LIMIT = Duration.ofMinutes(3);

  /**
   * How much of everything: {@code full} for the published table, {@code quick} to see that it all works,
   * {@code capacity} for the capacity levels alone (and little else), to study them, {@code recorded} for the capacity
   * levels against the recorded EHR alone, {@code save} for the saves alone against the recorded EHR
   * ({@code -Dbench.saves}, 150 by default, after {@code -Dbench.saveWarmUp} saves, 2,000 by default, that warm the
   * JIT), to compare changes to the save path, {@code start} for the start-up rows alone.
   */
  private record Mode(String name, int appStarts, boolean laterSandboxStart, int launchWarmUp, int launches,
      int overheadPairs, int saveWarmUp, int saves, CapacityRun.Settings capacity, CapacityRun.Settings recorded) {

    static Mode of(String name) {
      CapacityRun.Settings full = new CapacityRun.Settings(List.of(100, 500, 1_000, 2_000), Duration.ofSeconds(45),
          Duration.ofSeconds(5), Duration.ofSeconds(240), 8, Duration.ZERO);
      Duration warmUp = Duration.ofSeconds(Long.getLong("bench.capacityWarmUp", 120));
      return switch (name) {
        case "capacity" -> new Mode(name, 0, false, 0, 0, 0, 0, 0, new CapacityRun.Settings(List.of(100, 300),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(120), 8, Duration.ZERO), NO_LEVELS);
        case "recorded" -> new Mode(name, 0, false, 0, 0, 0, 0, 0, NO_LEVELS, new CapacityRun.Settings(
            Arrays.stream(System.getProperty("bench.levels", "100,500,1000,2000").split(",")).map(Integer::valueOf)
                .toList(), Duration.ofSeconds(20), Duration.ofSeconds(Long.getLong("bench.think", 5)),
            Duration.ofSeconds(150), 8, warmUp));
        case "save" -> new Mode(name, 0, false, 0, 0, 0, Integer.getInteger("bench.saveWarmUp", 2_000),
            Integer.getInteger("bench.saves", 150), NO_LEVELS, NO_LEVELS);
        case "start" -> new Mode(name, 5, true, 0, 0, 0, 0, 0, NO_LEVELS, NO_LEVELS);
        case "quick" -> new Mode(name, 1, false, 3, 10, 10, 0, 20, new CapacityRun.Settings(List.of(20, 50),
            Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(60), 4, Duration.ZERO),
            new CapacityRun.Settings(List.of(20, 50), Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(60), 4, Duration.ZERO));
        default -> new Mode("full", 5, true, 10, 60, 100, 0, 150, full, new CapacityRun.Settings(full.levels(),
            full.window(), full.think(), full.rampLimit(), full.launchers(), warmUp));
      };
    }
  }

  private static final CapacityRun.Settings NO_LEVELS = new CapacityRun.Settings(List.of(), Duration.ZERO,
      Duration.ZERO, Duration.ZERO, 1, Duration.ZERO);
  /** The recorded EHR's fixed time per FHIR answer ({@code -Dbench.ehrLatency}, milliseconds), a remote EHR's. */
  private static final Duration RECORDED_LATENCY = Duration.ofMillis(Long.getLong("bench.ehrLatency", 50));

  private final Mode mode;
  private final Path work;
  private final MarkdownTable latencies = new MarkdownTable("measure", "median", "p95", "p99", "n",
      "target (DESIGN §7)");

  private Benchmark(Mode mode, Path work) {
    this.mode = mode;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    RecordedCapacity.resolveHere();
    Mode mode = Mode.of(args.length > 0 ? args[0] : "full");
    Benchmark benchmark = new Benchmark(mode, Files.createTempDirectory("kap-bench"));
    String machine = machine();
    long started = System.nanoTime();
    System.out.println("KAP Companion benchmark (" + mode.name() + ") on " + machine);
    String capacity;
    try {
      capacity = benchmark.run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      System.exit(1);
      return;
    }
    String report = "Machine: " + machine + "; load average at the end " + loadAverage() + "; "
        + mode.name() + " run, " + Math.round((System.nanoTime() - started) / 60e9) + " min.\n\n"
        + benchmark.latencies + "\n" + capacity;
    Path results = Path.of("target/bench/results.md");
    Files.createDirectories(results.getParent());
    Files.writeString(results, report);
    System.out.println();
    System.out.println(report);
    System.out.println("Written to " + results);
    System.exit(0);
  }

  private String run() throws Exception {
    if (mode.appStarts() > 0) {
      StartUps starts = new StartUps(work, latencies);
      starts.alone(mode.appStarts());
      starts.withSandbox(mode.laterSandboxStart());
    }
    if (mode.saves() == 0 && mode.capacity().levels().isEmpty() && mode.recorded().levels().isEmpty()) {
      return "";
    }
    System.out.println("starting the sandbox EHR");
    TestEnvironment environment = TestEnvironment.get();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(16)).build();
    String report = "";
    if (mode.launches() == 0 && mode.saves() > 0 && RecordedCapacity.available()) {
      RecordedCapacity.against(environment, work, APP_OPTIONS, RECORDED_LATENCY, app -> {
        saves(environment, app, http, false);
        return null;
      });
    }
    if (!mode.capacity().levels().isEmpty()) {
      report = "Against the sandbox EHR (HAPI JPA on H2, in the load generator's JVM):\n\n"
          + againstSandbox(environment, http);
    }
    if (!mode.recorded().levels().isEmpty() && RecordedCapacity.available()) {
      List<CapacityRun.Level> levels = RecordedCapacity.run(environment, http, work, APP_OPTIONS, mode.recorded(),
          RECORDED_LATENCY);
      report += "\nAgainst the recorded EHR (the sandbox's answers replayed, writes acknowledged unstored, "
          + RECORDED_LATENCY.toMillis() + " ms per FHIR answer, an action per session every "
          + mode.recorded().think().toSeconds() + " s ± 50 %):\n\n" + capacity(levels);
    }
    return report;
  }

  private String againstSandbox(TestEnvironment environment, HttpClient http) throws Exception {
    Path config = RecordedCapacity.appConfig(environment, work, "app");
    List<String> options = Stream.concat(APP_OPTIONS.stream(), RecordedCapacity.appResolving("127.0.0.1").stream())
        .toList();
    try (AppProcess app = AppProcess.start(config, TestEnvironment.appEnvironment(),
        environment.appUrl(TestEnvironment.PUBLIC_CLIENT, ""), options)) {
      app.await("/ready", START_LIMIT);
      if (mode.launches() > 0) {
        launches(environment, app, http);
        overhead(environment, app, http);
        saves(environment, app, http, true);
      }
      System.out.println("capacity: " + mode.capacity().levels() + " sessions");
      List<CapacityRun.Level> levels = new CapacityRun(environment, app, http, mode.capacity()).run();
      if (levels.stream().anyMatch(level -> level.errorCount() + level.launchErrorCount() > 0)) {
        System.out.println("The app's latest log lines:\n" + app.recentOutput());
      }
      return capacity(levels);
    }
  }

  /** Launches one after another: the app's own time, the EHR's time and the FHIR rounds it took. */
  private void launches(TestEnvironment environment, AppProcess app, HttpClient http) throws Exception {
    System.out.println("launch: " + mode.launches() + " launches after " + mode.launchWarmUp() + " to warm up");
    Samples browser = new Samples();
    Samples ehr = new Samples();
    Samples own = new Samples();
    Samples cpu = new Samples();
    Samples rounds = new Samples();
    for (int i = 0; i < mode.launchWarmUp() + mode.launches(); i++) {
      String[] patient = PATIENTS[i % PATIENTS.length];
      TherapistSession.Launch launch = TherapistSession.launch(environment, http, patient[0], patient[1]);
      AccessLine callback = app.accessLine(launch.callbackRequestId()).orElseThrow();
      AccessLine summary = app.accessLine(launch.summaryRequestId()).orElseThrow();
      if (i >= mode.launchWarmUp()) {
        browser.add(launch.millis());
        ehr.add(callback.ehrMillis() + summary.ehrMillis());
        own.add(callback.ownMillis() + summary.ownMillis());
        cpu.add(callback.cpuMillis() + summary.cpuMillis());
        rounds.add(summary.ehrRounds());
      }
    }
    latencies.samples("launch: callback → rendered summary, as the browser sees it", browser, "ms", "");
    latencies.samples("launch: the EHR's own time in it (token exchange + FHIR reads)", ehr, "ms", "");
    latencies.samples("launch: the app's own time in it (callback + summary, EHR time excluded)", own, "ms",
        MarkdownTable.target("≤ 50 ms p50", own.median() <= 50));
    latencies.samples("launch: the app's CPU time in it", cpu, "ms", "");
    latencies.samples("launch: sequential FHIR rounds to read the record", rounds, "",
        MarkdownTable.target("≤ 2", rounds.percentile(99) <= 2));
  }

  /** The record summary through the app against the same reads straight from the FHIR server, in turns. */
  private void overhead(TestEnvironment environment, AppProcess app, HttpClient http) throws Exception {
    System.out.println("overhead: " + mode.overheadPairs() + " record reads through the app and directly");
    String[] patient = PATIENTS[0];
    TherapistSession session = TherapistSession.launch(environment, http, patient[0], patient[1]).session();
    DirectFhir direct = DirectFhir.signIn(environment, http, patient[0]);
    List<String> reads = RecordReads.urls(patient[0], THERAPIST);
    Samples throughApp = new Samples();
    Samples directly = new Samples();
    Samples ratio = new Samples();
    for (int i = -5; i < mode.overheadPairs(); i++) {
      double appMillis = 0;
      double directMillis = 0;
      for (int turn = 0; turn < 2; turn++) {
        long started = System.nanoTime();
        if ((turn + i) % 2 == 0) {
          HttpResponse<Void> page = http.send(session.page(""), HttpResponse.BodyHandlers.discarding());
          appMillis = (System.nanoTime() - started) / 1e6;
          if (page.statusCode() != 200) {
            throw new IllegalStateException("the summary answered " + page.statusCode());
          }
        } else {
          direct.readAll(reads);
          directMillis = (System.nanoTime() - started) / 1e6;
        }
      }
      if (i >= 0) {
        throughApp.add(appMillis);
        directly.add(directMillis);
        ratio.add(appMillis / directMillis);
      }
    }
    app.forgetAccessLines();
    latencies.samples("record read through the app (summary page, " + reads.size() + " FHIR reads)", throughApp,
        "ms", "");
    latencies.samples("the same reads straight from the FHIR server, in parallel", directly, "ms", "");
    latencies.samples("overhead ratio: through the app / straight (per pair)", ratio, "×", "");
  }

  /**
   * Saves one after another, each once the previous one reached the EHR (as a therapist's notes minutes apart):
   * acknowledged by the app, and, when {@code ehrStores} (the recorded EHR stores nothing), stored in the EHR by the
   * outbox.
   */
  private void saves(TestEnvironment environment, AppProcess app, HttpClient http, boolean ehrStores)
      throws Exception {
    warmUpSaves(environment, http);
    System.out.println("save: " + mode.saves() + " notes");
    String[] patient = PATIENTS[4];
    TherapistSession session = TherapistSession.launch(environment, http, patient[0], patient[1]).session();
    DirectFhir direct = DirectFhir.signIn(environment, http, patient[0]);
    Samples acknowledged = new Samples();
    Samples own = new Samples();
    Samples cpu = new Samples();
    Samples ehrCalls = new Samples();
    List<String> ids = new ArrayList<>();
    List<Instant> sent = new ArrayList<>();
    for (int i = -10; i < mode.saves(); i++) {
      String id = UUID.randomUUID().toString();
      Instant at = Instant.now();
      long started = System.nanoTime();
      HttpResponse<Void> saved = http.send(session.save(id, "Benchmark note " + i), HttpResponse.BodyHandlers.discarding());
      double millis = (System.nanoTime() - started) / 1e6;
      if (saved.statusCode() != 200) {
        throw new IllegalStateException("a save answered " + saved.statusCode());
      }
      AccessLine line = app.accessLine(TherapistSession.requestId(saved)).orElseThrow();
      if (i >= 0) {
        acknowledged.add(millis);
        own.add(line.ownMillis());
        cpu.add(line.cpuMillis());
        ehrCalls.add(line.ehrCalls());
        ids.add(id);
        sent.add(at);
      }
      awaitNothingPending(http, session, Duration.ofMillis(20), 1_000);
    }
    String which = mode.saveWarmUp() > 0 ? "after " + mode.saveWarmUp() + " saves" : "the first saves";
    latencies.samples("save: acknowledged, as the page sees it (" + which + ")", acknowledged, "ms", "");
    latencies.samples("save: the app's own time to acknowledge (map, validate, store; " + which + ")", own, "ms",
        MarkdownTable.target("≤ 5 ms p50", own.median() <= 5));
    latencies.samples("save: the app's CPU time to acknowledge (" + which + ")", cpu, "ms", "");
    latencies.samples("save: EHR calls before the acknowledgement", ehrCalls, "", "");
    if (ehrStores) {
      delivered(direct.storedAt("Observation", patient[0], ids), ids, sent);
    }
  }

  /**
   * Saves {@link Mode#saveWarmUp} notes back to back in another patient's session and waits until they reached the
   * EHR, so the measured saves meet a save path the JIT has compiled, as on a node in service (the save path's
   * methods run once per save, and the JIT's last tier compiles a method after thousands of calls).
   */
  private void warmUpSaves(TestEnvironment environment, HttpClient http) throws Exception {
    if (mode.saveWarmUp() == 0) {
      return;
    }
    System.out.println("save: " + mode.saveWarmUp() + " notes to warm up");
    String[] patient = PATIENTS[3];
    TherapistSession session = TherapistSession.launch(environment, http, patient[0], patient[1]).session();
    for (int i = 0; i < mode.saveWarmUp(); i++) {
      HttpResponse<Void> saved = http.send(session.save(UUID.randomUUID().toString(), "Warm-up note " + i),
          HttpResponse.BodyHandlers.discarding());
      if (saved.statusCode() != 200) {
        throw new IllegalStateException("a warm-up save answered " + saved.statusCode());
      }
    }
    awaitNothingPending(http, session, Duration.ofMillis(100), 3_000);
  }

  /** When each saved note was stored in the EHR, from when the page sent it. */
  private void delivered(Map<String, Instant> stored, List<String> ids, List<Instant> sent) {
    Samples delivered = new Samples();
    for (int i = 0; i < ids.size(); i++) {
      Instant at = stored.get(ids.get(i));
      if (at != null) {
        delivered.add(Duration.between(sent.get(i), at).toNanos() / 1e6);
      }
    }
    latencies.samples("save: stored in the FHIR server, from the page's POST", delivered, "ms",
        delivered.count() == ids.size() ? "" : (ids.size() - delivered.count()) + " not delivered");
  }

  /** Polls the session's save status every {@code interval}, at most {@code polls} times, until nothing is pending. */
  private static void awaitNothingPending(HttpClient http, TherapistSession session, Duration interval, int polls)
      throws Exception {
    for (int poll = 0; poll < polls && pending(http, session) > 0; poll++) {
      Thread.sleep(interval.toMillis());
    }
  }

  private static int pending(HttpClient http, TherapistSession session) throws Exception {
    String body = http.send(session.status(), HttpResponse.BodyHandlers.ofString()).body();
    return JsonParser.parseString(body).getAsJsonObject().get("pending").getAsInt();
  }

  static String capacity(List<CapacityRun.Level> levels) {
    MarkdownTable table = new MarkdownTable("sessions", "page p50", "page p95", "page p99",
        "page p99 beyond the EHR's time", "page p99 in the app / queued before it", "pages", "save ack p99", "saves",
        "errors",
        "heap after GC", "heap / session", "app CPU (per session)", "app CPU per session-second, split",
        "EHR + load CPU", "load average");
    for (CapacityRun.Level level : levels) {
      double beyond = level.pageBeyondEhrMillis().percentile(99);
      String target = level.sessions() >= 1_000
          ? MarkdownTable.target(" (≤ 100 ms)", beyond <= 100 && level.errorCount() == 0) : "";
      table.row(level.running() == level.sessions() ? Integer.toString(level.sessions())
              : level.running() + " of " + level.sessions(),
          MarkdownTable.number(level.pageMillis().median(), "ms"),
          MarkdownTable.number(level.pageMillis().percentile(95), "ms"),
          MarkdownTable.number(level.pageMillis().percentile(99), "ms"),
          MarkdownTable.number(beyond, "ms") + target,
          MarkdownTable.number(level.pageOwnMillis().percentile(99), "ms") + " / "
              + MarkdownTable.number(level.pageQueuedMillis().percentile(99), "ms"),
          Integer.toString(level.pageMillis().count()),
          MarkdownTable.number(level.saveMillis().percentile(99), "ms"),
          Integer.toString(level.saveMillis().count()),
          level.errorCount() + " of " + level.requests() + kinds(level.errors())
              + (level.launchErrorCount() > 0 ? "; " + level.launchErrorCount() + " launches failed"
                  + kinds(level.launchErrors()) : ""),
          MarkdownTable.number(level.heapMegabytes(), "MB"),
          MarkdownTable.number(level.heapPerSessionKilobytes(), "KB"),
          String.format(Locale.ROOT, "%.2f cores (%.1f ms/s)", level.appCores(),
              level.appCores() * 1_000 / Math.max(1, level.running())),
          level.cpuPerSessionSecond().entrySet().stream()
              .map(kind -> String.format(Locale.ROOT, "%s %.2f", kind.getKey(), kind.getValue()))
              .collect(java.util.stream.Collectors.joining(", ", "", " ms/s")),
          String.format(Locale.ROOT, "%.2f cores", level.ehrAndLoadCores()), level.loadAverage());
    }
    return table.toString();
  }

  /** Counts by kind, most frequent first, e.g. {@code " (page HttpTimeoutException 40, save HTTP 503 2)"}. */
  private static String kinds(Map<String, Integer> counts) {
    return counts.isEmpty() ? "" : counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .map(kind -> kind.getKey() + " " + kind.getValue())
        .collect(java.util.stream.Collectors.joining(", ", " (", ")"));
  }

  static Samples single(double value) {
    Samples samples = new Samples();
    samples.add(value);
    return samples;
  }

  private static String machine() throws IOException {
    long memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
        .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
    return Runtime.getRuntime().availableProcessors() + " cores, " + Math.round(memoryKb / 1024.0 / 1024.0)
        + " GB, Java " + System.getProperty("java.runtime.version") + ", load average " + loadAverage();
  }

  /** The 1-minute load average of the machine. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
