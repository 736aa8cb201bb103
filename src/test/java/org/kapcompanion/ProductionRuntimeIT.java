package org.kapcompanion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production runtime ({@code mvn -Dproduction package}): Maven resolves its class path, which holds no JPA server,
 * Spring, Hibernate or Lucene jar, and the app started on it with the sandbox's classes left out, as in the production
 * jar, answers {@code /health} with a tenant and stops at start, naming the setting, without one.
 */
class ProductionRuntimeIT {

  /** Path fragments of the jars the sandbox alone needs, as they appear under the local Maven repository. */
  private static final List<String> BANNED = List.of("/ca/uhn/hapi/fhir/hapi-fhir-jpa", "/ca/uhn/hapi/fhir/hapi-fhir-storage",
      "/org/springframework/", "/org/hibernate/", "/org/apache/lucene/");
  /** What the production jar leaves out of {@code target/classes} (pom.xml, profile {@code production}). */
  private static final List<String> SANDBOX_ONLY = List.of("org/kapcompanion/sandbox/", "sandbox/",
      "gg/jte/generated/precompiled/sandbox/", "META-INF/services/org.kapcompanion.config.EmbeddedEhr$Provider");

  @TempDir
  static Path work;
  private static List<Path> dependencies;
  private static Path classes;

  @BeforeAll
  static void resolveTheProductionClassPath() throws Exception {
    Path listFile = work.resolve("production-classpath.txt");
    if (maven(listFile, "-o") != 0) {
      assertThat(maven(listFile)).as(Files.readString(work.resolve("maven.log"))).isZero();
    }
    dependencies = Arrays.stream(Files.readString(listFile).strip().split(File.pathSeparator))
        .map(Path::of).toList();
    classes = copyWithoutSandbox(Path.of("target/classes"), work.resolve("classes"));
  }

  @Test
  void theProductionClassPathHoldsNoJpaServerSpringHibernateOrLucene() {
    assertThat(dependencies).hasSizeGreaterThan(50)
        .anySatisfy(jar -> assertThat(jar.toString()).contains("hapi-fhir-validation"))
        .noneSatisfy(jar -> assertThat(BANNED).anySatisfy(banned -> assertThat(jar.toString()).contains(banned)));
  }

  @Test
  void withATenantTheAppStartsAndAnswersHealth() throws Exception {
    int port = freePort();
    Path config = Files.writeString(work.resolve("tenant.json"), """
        {"publicBaseUrl": "http://localhost:%d/", "server": {"host": "127.0.0.1", "port": %d},
         "dataDir": "%s", "store": {"encryptionKey": "generate"},
         "tenants": [{"id": "ehr", "fhirBaseUrl": "http://127.0.0.1:9/fhir", "clientId": "kap-companion"}]}
        """.formatted(port, port, work.resolve("tenant-data")));
    Process app = start(config, "tenant.log");
    try {
      assertThat(awaitHealth(app, port, Duration.ofMinutes(3))).as(log("tenant.log")).isEqualTo(200);
    } finally {
      app.destroy();
      app.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutATenantTheAppStopsAtStartNamingTheSetting() throws Exception {
    int port = freePort();
    Path config = Files.writeString(work.resolve("none.json"), """
        {"publicBaseUrl": "http://localhost:%d/", "server": {"host": "127.0.0.1", "port": %d},
         "dataDir": "%s", "store": {"encryptionKey": "generate"}, "tenants": []}
        """.formatted(port, port, work.resolve("none-data")));
    Process app = start(config, "none.log");

    assertThat(app.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(app.exitValue()).isNotZero();
    assertThat(log("none.log")).contains("KAP Companion cannot start")
        .contains("tenants: none configured, and this production build has no sandbox EHR")
        .doesNotContain("Sandbox EHR starting");
  }

  private static Process start(Path config, String logName) throws IOException {
    String classPath = Stream.concat(Stream.of(classes), dependencies.stream()).map(Path::toString)
        .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", classPath, App.class.getName(), "--config", config.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve(logName).toFile());
    builder.environment().put("KAP_LOG_FORMAT", "text");
    return builder.start();
  }

  private static int awaitHealth(Process app, int port, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && app.isAlive()) {
      try {
        int status = http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200) {
          return status;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    return -1;
  }

  /** Asks Maven for the production build's runtime class path (offline first, as the repository usually has it). */
  private static int maven(Path listFile, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of(mavenCommand(), "-q", "-B", "-Dproduction",
        "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath", "-DincludeScope=runtime",
        "-Dmdep.outputFile=" + listFile));
    command.addAll(List.of(options));
    Process maven = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("maven.log").toFile()).start();
    assertThat(maven.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return maven.exitValue();
  }

  private static Path copyWithoutSandbox(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String relative = from.relativize(file).toString().replace('\\', '/');
        if (SANDBOX_ONLY.stream().noneMatch(relative::startsWith)) {
          Files.createDirectories(to.resolve(relative).getParent());
          Files.copy(file, to.resolve(relative));
        }
      }
    }
    return to;
  }

  private static String mavenCommand() {
    String home = System.getProperty("maven.home");
    return home != null && Files.isExecutable(Path.of(home, "bin", "mvn")) ? Path.of(home, "bin", "mvn").toString()
        : "mvn";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String log(String name) throws IOException {
    return Files.readString(work.resolve(name), StandardCharsets.UTF_8);
  }
}
