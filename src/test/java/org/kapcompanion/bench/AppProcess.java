package org.kapcompanion.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The app started from the built jar as its own JVM, as it runs in production: how long it takes to answer, its
 * resident memory, heap and CPU, and its access log by request id (it logs in text format for that).
 */
final class AppProcess implements AutoCloseable {

  static final Path JAR = Path.of("target/kap-companion.jar");
  static final Path LOG = Path.of("target/bench/app.log");
  /** The app's access log as it wrote it, for a timeline of a window (arrivals, waits) after the run. */
  static final Path ACCESS_LOG = LOG.resolveSibling("access.log");

  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  private final Process process;
  private final URI base;
  private final long startedNanos;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
  private final Map<String, AccessLine> accessLines = new ConcurrentHashMap<>();
  private final Deque<String> output = new ArrayDeque<>();
  private volatile boolean outOfHeap;

  /** When a probe first answered 200: milliseconds after the process started, and the resident memory then. */
  record Reached(double millis, double rssMegabytes) {}

  private AppProcess(Process process, URI base, long startedNanos) {
    this.process = process;
    this.base = base;
    this.startedNanos = startedNanos;
    Thread reader = new Thread(this::readOutput, "bench-app-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code java [jvmOptions] -jar target/kap-companion.jar --config configFile}, serving at {@code base}; its
   * log goes to {@code target/bench/app.log}, its access log to {@code access.log} beside it.
   */
  static AppProcess start(Path configFile, Map<String, String> environment, URI base, List<String> jvmOptions)
      throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run the benchmark with mvn -Pbench verify");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString(), "--config", configFile.toString()));
    Files.createDirectories(LOG.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    builder.environment().put("KAP_LOG_FORMAT", "text");
    long started = System.nanoTime();
    return new AppProcess(builder.start(), base, started);
  }

  long pid() {
    return process.pid();
  }

  /** Polls {@code path} until it answers 200. */
  Reached await(String path, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the app exited with " + process.exitValue() + ":\n" + recentOutput());
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return new Reached((System.nanoTime() - startedNanos) / 1e6, rssMegabytes());
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(path + " did not answer 200 within " + timeout + ":\n" + recentOutput());
  }

  /** Resident set size, from {@code /proc}. */
  double rssMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    return Double.NaN;
  }

  /** The heap in use right after full collections ({@code jcmd GC.run} twice, then {@code GC.heap_info}). */
  double heapUsedAfterGcMegabytes() throws IOException, InterruptedException {
    jcmd("GC.run");
    jcmd("GC.run");
    Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
    return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
  }

  /** Writes the live objects by class ({@code jcmd GC.class_histogram}) to {@code file}. */
  void saveClassHistogram(Path file) throws IOException, InterruptedException {
    Files.writeString(file, jcmd("GC.class_histogram"));
  }

  /** Whether the app has logged an {@code OutOfMemoryError}: a node must answer 503 when full, never run out. */
  boolean ranOutOfHeap() {
    return outOfHeap;
  }

  /** CPU time the process has used so far, user and system. */
  Duration cpuTime() {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /**
   * The CPU time of the app's JIT compiler threads so far, from Linux's per-thread accounting (clock ticks of
   * 10 ms); zero where {@code /proc} does not tell.
   */
  Duration jitCpuTime() {
    long ticks = 0;
    try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
      for (Path thread : threads.toList()) {
        ticks += compilerTicks(thread);
      }
    } catch (IOException | UncheckedIOException e) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(ticks * 10);
  }

  /** User and system clock ticks of a thread whose name is a JIT compiler's ({@code C1/C2 CompilerThre…}). */
  private static long compilerTicks(Path thread) {
    try {
      if (!Files.readString(thread.resolve("comm")).matches("C[12] CompilerThre\\S*\\s*")) {
        return 0;
      }
      String stat = Files.readString(thread.resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException e) {
      return 0;
    }
  }

  /** The access log line of a request, waiting briefly since the app logs after it answered. */
  Optional<AccessLine> accessLine(String requestId) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      AccessLine line = accessLines.remove(requestId);
      if (line != null) {
        return Optional.of(line);
      }
      Thread.sleep(10);
    }
    return Optional.empty();
  }

  /** The access log line of a request if the app has logged it already. */
  Optional<AccessLine> takeAccessLine(String requestId) {
    return Optional.ofNullable(accessLines.remove(requestId));
  }

  /** Drops the access lines nobody asked for so far. */
  void forgetAccessLines() {
    accessLines.clear();
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(process.pid()), command).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  private void readOutput() {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer log = Files.newBufferedWriter(LOG, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Writer accessLog = Files.newBufferedWriter(ACCESS_LOG, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        Optional<AccessLine> access = AccessLine.parse(line);
        if (access.isPresent()) {
          accessLines.put(access.get().requestId(), access.get());
          accessLog.write(line + "\n");
        } else {
          outOfHeap |= line.contains("OutOfMemoryError");
          log.write(line + "\n");
          log.flush();
          synchronized (output) {
            output.addLast(line);
            if (output.size() > 40) {
              output.removeFirst();
            }
          }
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** The app's latest log lines other than the access log, to explain a failure. */
  String recentOutput() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Stops the app as an operator does (SIGTERM), forcibly after 20 seconds. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
