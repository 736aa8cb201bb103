package org.kapcompanion.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The benchmark's start-up rows: the app alone (with and without a class-data sharing archive) and with its sandbox. */
final class StartUps {

  /** The class-data sharing archive of the app's classes, written by a first start (README, "Deploy it"). */
  static final Path CDS_ARCHIVE = Path.of("target/bench/kap-companion.jsa").toAbsolutePath();
  private static final List<String> APP_HEAP = List.of("-Xmx512m");
  private static final Duration START_LIMIT = Duration.ofMinutes(5);

  private final Path work;
  private final MarkdownTable latencies;

  StartUps(Path work, MarkdownTable latencies) {
    this.work = work;
    this.latencies = latencies;
  }

  /**
   * The app without the sandbox (a tenant configured), as a node starts in production: to /health and /ready, in turns
   * without and with a class-data sharing archive ({@link #CDS_ARCHIVE}) that the warm-up start writes when it stops.
   */
  void alone(int count) throws Exception {
    System.out.println("start-up: the app alone, " + count + " starts, and as many with a CDS archive");
    Files.deleteIfExists(CDS_ARCHIVE);
    aloneOnce(List.of("-XX:ArchiveClassesAtExit=" + CDS_ARCHIVE));
    Map<Boolean, List<AppProcess.Reached[]>> starts = Map.of(false, new ArrayList<>(), true, new ArrayList<>());
    for (int i = 0; i < count * 2; i++) {
      boolean shared = i % 2 == 1;
      starts.get(shared).add(aloneOnce(shared ? List.of("-XX:SharedArchiveFile=" + CDS_ARCHIVE) : List.of()));
    }
    for (boolean shared : List.of(false, true)) {
      String how = shared ? "app alone with the CDS archive" : "app alone";
      Samples health = new Samples();
      Samples ready = new Samples();
      Samples rss = new Samples();
      starts.get(shared).forEach(reached -> {
        health.add(reached[0].millis());
        ready.add(reached[1].millis());
        rss.add(reached[1].rssMegabytes());
      });
      latencies.samples("start-up, " + how + " (-Xmx512m): process start → /health answers", health, "ms",
          MarkdownTable.target("≤ 3,000 ms", health.median() <= 3_000));
      latencies.samples("start-up, " + how + ": → /ready (store reachable, validator warm)", ready, "ms",
          MarkdownTable.target("≤ 5,000 ms", ready.median() <= 5_000));
      latencies.samples("start-up, " + how + ": resident memory at /ready", rss, "MB", "");
    }
  }

  /** One start of the app alone: when /health and then /ready first answered. */
  private AppProcess.Reached[] aloneOnce(List<String> jvmOptions) throws Exception {
    int port = Benchmark.freePort();
    Path config = Files.writeString(work.resolve("alone.json"), """
        {"publicBaseUrl": "http://localhost:%d/", "server": {"host": "127.0.0.1", "port": %d},
         "dataDir": "%s", "store": {"encryptionKey": "generate"},
         "tenants": [{"id": "ehr", "fhirBaseUrl": "http://127.0.0.1:9/fhir", "clientId": "kap-companion"}]}
        """.formatted(port, port, work.resolve("alone")));
    try (AppProcess app = AppProcess.start(config, Map.of(), URI.create("http://127.0.0.1:" + port + "/"),
        Stream.concat(APP_HEAP.stream(), jvmOptions.stream()).toList())) {
      return new AppProcess.Reached[] {app.await("/health", START_LIMIT), app.await("/ready", START_LIMIT)};
    }
  }

  /** The app with its sandbox EHR (no tenant), as {@code java -jar} starts it: first start (seed load), then again. */
  void withSandbox(boolean later) throws Exception {
    Path dataDir = work.resolve("with-sandbox");
    for (String start : later ? List.of("first", "later") : List.of("first")) {
      System.out.println("start-up: the app with its sandbox EHR, " + start + " start");
      int port = Benchmark.freePort();
      Path config = Files.writeString(work.resolve("with-sandbox.json"), """
          {"publicBaseUrl": "http://localhost:%d/", "server": {"host": "127.0.0.1", "port": %d},
           "dataDir": "%s", "sandbox": {"port": %d}, "tenants": []}
          """.formatted(port, port, dataDir, Benchmark.freePort()));
      try (AppProcess app = AppProcess.start(config, Map.of(), URI.create("http://127.0.0.1:" + port + "/"),
          List.of())) {
        AppProcess.Reached up = app.await("/health", START_LIMIT);
        AppProcess.Reached warm = app.await("/ready", START_LIMIT);
        String what = "start-up, app + sandbox EHR, " + start + " start"
            + (start.equals("first") ? " (new database, seed loaded)" : "");
        latencies.samples(what + ": → /health", Benchmark.single(up.millis()), "ms", "");
        latencies.samples(what + ": → /ready", Benchmark.single(warm.millis()), "ms", "");
        latencies.samples(what + ": resident memory at /ready", Benchmark.single(warm.rssMegabytes()), "MB", "");
      }
    }
  }
}
