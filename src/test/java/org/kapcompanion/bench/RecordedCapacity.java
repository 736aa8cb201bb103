package org.kapcompanion.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.kapcompanion.testing.TestEnvironment;

/**
 * The capacity levels against the {@link RecordedEhr} instead of the sandbox's JPA server, so they measure the app.
 * The sandbox EHR is named {@link #EHR_HOST} (system property {@code kap.test.ehrHost}); each JVM resolves names from
 * its own hosts file ({@code jdk.net.hosts.file}): the load and the sandbox reach it at 127.0.0.1, the app under test
 * at {@link #RECORDED_ADDRESS}, where the recorded EHR listens on the same port.
 */
final class RecordedCapacity {

  static final String EHR_HOST = "kap-ehr.test";
  static final String RECORDED_ADDRESS = "127.0.0.2";
  private static final Path HOSTS = Path.of("target/bench");

  private RecordedCapacity() {}

  /** Whether the sandbox runs under its own name, so that an app can be pointed at the recorded EHR. */
  static boolean available() {
    return EHR_HOST.equals(System.getProperty("kap.test.ehrHost"));
  }

  /** Writes this JVM's hosts file (the name of the property is passed by the {@code bench} profile). */
  static void resolveHere() throws IOException {
    String file = System.getProperty("jdk.net.hosts.file");
    if (file != null) {
      Files.createDirectories(Path.of(file).toAbsolutePath().getParent());
      Files.writeString(Path.of(file), hosts("127.0.0.1"));
    }
  }

  /** JVM options for an app that reaches the sandbox's name at {@code address}; none unless {@link #available()}. */
  static List<String> appResolving(String address) throws IOException {
    if (!available()) {
      return List.of();
    }
    Path file = HOSTS.resolve("hosts-app-" + address).toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, hosts(address));
    return List.of("-Djdk.net.hosts.file=" + file);
  }

  /**
   * Writes the configuration of the benchmark's app node (its store under {@code work/name-store}); with the sandbox
   * under its own name, the EHR origin allowed to frame the app is written as 127.0.0.1, since the app accepts plain
   * http only from a loopback host it can recognise (the benchmark frames nothing).
   */
  static Path appConfig(TestEnvironment environment, Path work, String name) throws IOException {
    environment.releasePort(TestEnvironment.PUBLIC_CLIENT);
    Path store = work.resolve(name + "-store").resolve("kap-companion").toAbsolutePath();
    String json = environment.configJson(TestEnvironment.PUBLIC_CLIENT, "jdbc:h2:file:" + store + ";AUTO_SERVER=FALSE")
        .replace("\"allowedEhrOrigins\": [\"http://" + EHR_HOST + ":", "\"allowedEhrOrigins\": [\"http://127.0.0.1:");
    return Files.writeString(work.resolve(name + ".json"), json);
  }

  private static String hosts(String ehrAddress) {
    return ehrAddress + " " + EHR_HOST + "\n127.0.0.1 localhost " + localName() + "\n";
  }

  private static String localName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** What runs against an app that uses the recorded EHR. */
  interface Work<T> {
    T run(AppProcess app) throws Exception;
  }

  /**
   * Starts the recorded EHR in front of the sandbox ({@code latency} per FHIR answer) and an app that uses it, and runs
   * the capacity levels; the app's store lives under {@code work}.
   */
  static List<CapacityRun.Level> run(TestEnvironment environment, HttpClient http, Path work, List<String> appOptions,
      CapacityRun.Settings settings, Duration latency) throws Exception {
    return against(environment, work, appOptions, latency, app -> {
      System.out.println("capacity against the recorded EHR (" + latency.toMillis() + " ms): " + settings.levels());
      return new CapacityRun(environment, app, http, settings).run();
    });
  }

  /**
   * Starts the recorded EHR in front of the sandbox ({@code latency} per FHIR answer) and an app that uses it (its
   * store under {@code work}), and runs {@code task} against that app once it is ready.
   */
  static <T> T against(TestEnvironment environment, Path work, List<String> appOptions, Duration latency,
      Work<T> task) throws Exception {
    URI sandbox = URI.create("http://127.0.0.1:" + environment.ehr().fhirBase().getPort());
    Path config = appConfig(environment, work, "recorded");
    List<String> options = Stream.concat(appOptions.stream(), appResolving(RECORDED_ADDRESS).stream()).toList();
    try (RecordedEhr ehr = RecordedEhr.start(RECORDED_ADDRESS, sandbox, latency);
        AppProcess app = AppProcess.start(config, TestEnvironment.appEnvironment(),
            environment.appUrl(TestEnvironment.PUBLIC_CLIENT, ""), options)) {
      app.await("/ready", Duration.ofMinutes(3));
      T result = task.run(app);
      System.out.println("recorded EHR: " + ehr.forwarded() + " requests went to the sandbox");
      return result;
    }
  }
}
