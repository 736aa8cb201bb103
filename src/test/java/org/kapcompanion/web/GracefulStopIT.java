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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulStopIT {

  @Test
  void stopLetsARequestInFlightFinish() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    HttpServlet slow = new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        started.countDown();
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        response.getWriter().write("done");
      }
    };
    WebServer web = new WebServer("127.0.0.1", 0, TestWeb.templates(), TestWeb.HEADERS, field -> false,
        List.of(new WebServer.Route("/slow", slow)), List.of());
    web.start();
    CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/slow")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    web.stop();

    HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("done");
  }
}
