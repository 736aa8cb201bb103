package org.kapcompanion;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.TestEnvironment;

/**
 * The app as its own JVM, stopped (SIGTERM) while a request is still being served: it lets the request finish with
 * the store still open, and its outbox sender stops without a word — H2's own shutdown hook used to close the store
 * under both, so the request failed and the sender logged a failed claim every 250 ms until the app closed.
 */
class QuietShutdownIT {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void stopWithARequestInFlightLetsItFinishAndTheSenderStopsQuietly() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    HttpServer ehr = slowEhr(asked, answer);
    Path dir = Files.createTempDirectory("kap-shutdown");
    int port = freePort();
    Path config = dir.resolve("kap-companion.json");
    Files.writeString(config, """
        {"publicBaseUrl": "http://localhost:%d/", "server": {"host": "127.0.0.1", "port": %d}, "dataDir": "%s",
         "store": {"encryptionKey": "generate"}, "admin": {"token": "env:KAP_TEST_ADMIN_TOKEN"},
         "tenants": [{"id": "slow", "fhirBaseUrl": "http://127.0.0.1:%d/fhir", "clientId": "kap"}]}
        """.formatted(port, port, dir.resolve("data"), ehr.getAddress().getPort()));
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-cp", System.getProperty("java.class.path"), App.class.getName(), "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile());
    builder.environment().putAll(TestEnvironment.appEnvironment());
    builder.environment().put("KAP_LOG_FORMAT", "text");
    Process app = builder.start();
    try {
      URI base = URI.create("http://localhost:" + port + "/");
      awaitReady(base.resolve("ready"), app);
      CompletableFuture<HttpResponse<String>> status = http.sendAsync(HttpRequest.newBuilder(
              base.resolve("admin/status")).header("Authorization", "Bearer " + TestEnvironment.ADMIN_TOKEN).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(asked.await(120, TimeUnit.SECONDS)).as("the status page asked the EHR").isTrue();

      app.destroy();
      Thread.sleep(2_000);
      answer.countDown();

      assertThat(status.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the app stopped").isTrue();
      String log = Files.readString(dir.resolve("app.log"));
      assertThat(log).contains("KAP Companion stopped").doesNotContain("claim", "unhandled", "Exception");
    } finally {
      app.destroyForcibly();
      ehr.stop(0);
    }
  }

  /** An EHR that takes its time: it says when it was asked, and answers (404) once told to. */
  private static HttpServer slowEhr(CountDownLatch asked, CountDownLatch answer) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      asked.countDown();
      try {
        answer.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    return server;
  }

  private void awaitReady(URI ready, Process app) throws Exception {
    Instant deadline = Instant.now().plusSeconds(180);
    while (Instant.now().isBefore(deadline)) {
      assertThat(app.isAlive()).as("the app is running").isTrue();
      try {
        if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the app did not become ready");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
