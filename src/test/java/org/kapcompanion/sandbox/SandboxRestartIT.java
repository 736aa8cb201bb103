package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts its own sandboxes on one data directory, one after another, to check what survives a restart. */
class SandboxRestartIT {

  private static final String PROBE = "Patient/restart-probe";
  private static final String SEEDED = "Observation/test-blake-hr-1";
  private static final String SCOPE = "launch user/*.cruds";

  @TempDir Path dataDir;

  @Test
  void dataKeysAndTokensSurviveRestartAndNeitherSeedNorSchemaIsRedone() throws Exception {
    int port = freePort();
    String token;
    try (TestEhr first = TestEhr.start(dataDir, false, port)) {
      SmartHttp http = new SmartHttp(first);
      token = http.accessToken(SCOPE, TestEhr.ALEX);
      assertThat(http.fhir("PUT", PROBE, token, probe()).statusCode()).isEqualTo(201);
      assertThat(http.fhir("DELETE", SEEDED, token, null).statusCode()).isEqualTo(200);
    }
    assertThat(dataDir.resolve(SeedLoader.MARKER_FILE)).exists();
    assertThat(SandboxSchema.ofThisBuild(dataDir).hibernateAction()).isEqualTo("none");

    try (TestEhr second = TestEhr.start(dataDir, false, port)) {
      SmartHttp http = new SmartHttp(second);
      assertThat(http.fhir("GET", PROBE, token, null).statusCode()).isEqualTo(200);
      assertThat(http.fhir("GET", SEEDED, token, null).statusCode()).isEqualTo(410);
    }
  }

  @Test
  void resetDeletesTheDataAndLoadsTheSeedAgain() throws Exception {
    try (TestEhr first = TestEhr.start(dataDir, false, 0)) {
      SmartHttp http = new SmartHttp(first);
      String token = http.accessToken(SCOPE, TestEhr.ALEX);
      assertThat(http.fhir("PUT", PROBE, token, probe()).statusCode()).isEqualTo(201);
    }
    Files.writeString(dataDir.resolve("left-over.txt"), "x");

    try (TestEhr reset = TestEhr.start(dataDir, true, 0)) {
      SmartHttp http = new SmartHttp(reset);
      String token = http.accessToken(SCOPE, TestEhr.ALEX);
      assertThat(http.fhir("GET", PROBE, token, null).statusCode()).isEqualTo(404);
      assertThat(http.fhir("GET", SEEDED, token, null).statusCode()).isEqualTo(200);
      assertThat(dataDir.resolve("left-over.txt")).doesNotExist();
    }
  }

  @Test
  void launcherAnswersEhrStartingWhileTheFhirServerBootsThenTheLauncher() throws Exception {
    int port = freePort();
    URI launcher = URI.create("http://127.0.0.1:" + port + "/");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    CompletableFuture<TestEhr> starting = CompletableFuture.supplyAsync(() -> {
      try {
        return TestEhr.start(dataDir, false, port);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      HttpResponse<String> first = firstAnswer(client, launcher, starting);

      assertThat(first.statusCode()).isEqualTo(503);
      assertThat(first.body()).contains(StartingPage.HEADING).contains("http-equiv=\"refresh\"");
      assertThat(first.headers().firstValue("Retry-After")).contains("3");
    } finally {
      try (TestEhr started = starting.get(10, TimeUnit.MINUTES)) {
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(launcher).build(), BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("Launch an app");
      }
    }
  }

  /** The first answer the launcher's port gives, waiting (while the sandbox starts) until it answers at all. */
  private static HttpResponse<String> firstAnswer(HttpClient client, URI uri, CompletableFuture<?> starting)
      throws Exception {
    while (true) {
      try {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build(), BodyHandlers.ofString());
      } catch (ConnectException notYetListening) {
        assertThat(starting).isNotCompletedExceptionally();
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // polls until the port is bound: a condition
      }
    }
  }

  private static String probe() {
    return "{\"resourceType\": \"Patient\", \"id\": \"restart-probe\", \"name\": [{\"family\": \"Probe\"}]}";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
