package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulStopIT {

  /** Only bounds a failing run: nothing here waits for time to pass, so a busy machine changes nothing. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** The request is held until the stop has begun, so it is always in flight when the server stops. */
  @Test
  void stopRefusesNewConnectionsAndLetsARequestInFlightFinish() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    WebServer web = started("/slow", heldUntil(started, finish));
    int port = web.port();
    CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .build().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> stop(web));
    awaitRefused(port);
    finish.countDown();

    HttpResponse<String> response = inFlight.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("done");
    stopped.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * The answer reaches the client, then its request ends only after the stop began: the connection the client keeps
   * must still close within the stop's short idle time, not at the normal idle timeout after the stop timed out.
   */
  @Test
  void stopClosesAKeptConnectionWhoseRequestWithABodyEndsDuringTheStop() throws Exception {
    CountDownLatch answered = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    WebServer web = started("/form", answeredThenHeld(answered, finish));
    int port = web.port();
    HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/form"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("note=kept")).build(), HttpResponse.BodyHandlers.ofString())
        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(response.body()).isEqualTo("kept");
    assertThat(answered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> stop(web));
    awaitRefused(port);
    finish.countDown();

    stopped.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  private static WebServer started(String path, HttpServlet servlet) throws Exception {
    WebServer web = new WebServer("127.0.0.1", 0, TestWeb.templates(), TestWeb.HEADERS, field -> false,
        List.of(new WebServer.Route(path, servlet)), List.of());
    web.start();
    return web;
  }

  private static HttpServlet heldUntil(CountDownLatch started, CountDownLatch finish) {
    return new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        started.countDown();
        try {
          finish.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        response.getWriter().write("done");
      }
    };
  }

  /** Reads the form, sends the whole answer, then holds the request open until told to finish. */
  private static HttpServlet answeredThenHeld(CountDownLatch answered, CountDownLatch finish) {
    return new HttpServlet() {
      @Override
      protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] answer = request.getParameter("note").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
        response.flushBuffer();
        answered.countDown();
        try {
          finish.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  /** Waits until the port refuses a connection: the stop has begun and the server accepts nothing new. */
  private static void awaitRefused(int port) throws Exception {
    Instant giveUp = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(giveUp)) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        Thread.sleep(20);
      } catch (ConnectException refused) {
        return;
      }
    }
    throw new AssertionError("the server still accepted connections " + PATIENCE + " after its stop began");
  }

  private static void stop(WebServer web) {
    try {
      web.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
