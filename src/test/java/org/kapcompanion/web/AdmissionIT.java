package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdmissionIT {

  private static final int REQUESTS = WebServer.REQUESTS_AT_ONCE + 20;

  @Test
  void requestsBeyondTheLimitWaitTheirTurnWhileHealthChecksPass() throws Exception {
    CountDownLatch admitted = new CountDownLatch(WebServer.REQUESTS_AT_ONCE);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    HttpServlet busy = new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        admitted.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        running.decrementAndGet();
        response.getWriter().write("done");
      }
    };
    HttpServlet health = new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().write("ok");
      }
    };
    WebServer web = new WebServer("127.0.0.1", 0, TestWeb.templates(), TestWeb.HEADERS, field -> false,
        List.of(new WebServer.Route("/busy", busy), new WebServer.Route("/health", health)), List.of());
    web.start();
    try {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        pending.add(client.sendAsync(get(web, "/busy"), HttpResponse.BodyHandlers.ofString()));
      }
      assertThat(admitted.await(20, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(300);
      assertThat(running.get()).isEqualTo(WebServer.REQUESTS_AT_ONCE);

      assertThat(client.send(get(web, "/health"), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);

      release.countDown();
      for (CompletableFuture<HttpResponse<String>> response : pending) {
        assertThat(response.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(mostAtOnce.get()).isEqualTo(WebServer.REQUESTS_AT_ONCE);
    } finally {
      release.countDown();
      web.stop();
    }
  }

  private static HttpRequest get(WebServer web, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
        .timeout(Duration.ofSeconds(5)).build();
  }
}
