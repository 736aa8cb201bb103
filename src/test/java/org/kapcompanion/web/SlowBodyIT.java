package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A slow-body attack over real HTTP: one session trickling the bodies of many requests holds at most its share of
 * the admission slots, so other users' pages keep answering; and a trickled body is cut at the body deadline.
 */
class SlowBodyIT {

  private final AtomicInteger reading = new AtomicInteger();
  private final CountDownLatch attackersIn = new CountDownLatch(SessionShare.SHARE);

  /** A session page: GET renders, POST reads its form body first, as the CSRF check of a plain form post does. */
  private final HttpServlet sessionPages = new HttpServlet() {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.getWriter().write("page");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      reading.incrementAndGet();
      attackersIn.countDown();
      try {
        response.getWriter().write("saved " + request.getParameter("csrf"));
      } finally {
        reading.decrementAndGet();
      }
    }
  };

  @Test
  void slowBodyAttackFromOneSessionLeavesOtherUsersPagesAnswering() throws Exception {
    WebServer web = server(Duration.ofMinutes(5));
    List<Trickle> attack = new ArrayList<>();
    try {
      for (int i = 0; i < WebServer.REQUESTS_AT_ONCE; i++) {
        attack.add(Trickle.start(web.port(), "/s/attacker/save", 100_000, Duration.ofMillis(250)));
      }
      assertThat(attackersIn.await(60, TimeUnit.SECONDS)).as("the session's share is taken").isTrue();

      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<HttpResponse<String>>> pages = new ArrayList<>();
      for (int user = 0; user < 40; user++) {
        pages.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/s/user-"
            + user + "/session")).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> page : pages) {
        HttpResponse<String> answer = page.get(90, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("page");
      }
      assertThat(reading.get()).isLessThanOrEqualTo(SessionShare.SHARE);
      int excess = WebServer.REQUESTS_AT_ONCE - SessionShare.SHARE;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (attack.stream().filter(Trickle::answered).count() < excess && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(attack).filteredOn(Trickle::answered).extracting(Trickle::status).containsOnly(429).hasSize(excess);
    } finally {
      attack.forEach(Trickle::close);
      web.stop();
    }
  }

  @Test
  void tricklingBodyIsCutAtTheDeadlineWith408() throws Exception {
    WebServer web = server(Duration.ofSeconds(2));
    try (Trickle trickle = Trickle.start(web.port(), "/s/someone/save", 10_000, Duration.ofMillis(200))) {
      String answer = trickle.answer();

      assertThat(answer).startsWith("HTTP/1.1 408").contains("The request took too long", "Connection: close")
          .doesNotContain("saved");
    } finally {
      web.stop();
    }
  }

  private WebServer server(Duration bodyDeadline) throws Exception {
    WebServer web = new WebServer("127.0.0.1", 0, TestWeb.templates(), TestWeb.HEADERS, field -> false,
        List.of(new WebServer.Route("/s/*", sessionPages)), List.of(), bodyDeadline);
    web.start();
    return web;
  }

  /** A form post whose body is sent one byte at a time, until the server answers or the connection closes. */
  private static final class Trickle implements AutoCloseable {

    private final Socket socket;
    private final Thread writer;
    private final CompletableFuture<String> answer = new CompletableFuture<>();

    private Trickle(Socket socket, Thread writer) {
      this.socket = socket;
      this.writer = writer;
    }

    static Trickle start(int port, String path, int length, Duration pause) throws IOException {
      Socket socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(120_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: " + length + "\r\n\r\ncsrf=").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread writer = new Thread(() -> {
        try {
          for (int i = 5; i < length; i++) {
            out.write('x');
            out.flush();
            Thread.sleep(pause.toMillis());
          }
        } catch (IOException | InterruptedException e) {
          // the server answered and closed, or the test is over
        }
      }, "trickle");
      writer.setDaemon(true);
      writer.start();
      Trickle trickle = new Trickle(socket, writer);
      Thread reader = new Thread(() -> {
        try {
          trickle.answer.complete(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          trickle.answer.complete("");
        }
      }, "trickle-answer");
      reader.setDaemon(true);
      reader.start();
      return trickle;
    }

    String answer() throws Exception {
      return answer.get(60, TimeUnit.SECONDS);
    }

    boolean answered() {
      return answer.isDone();
    }

    /** The status the server answered with. */
    int status() {
      String text = answer.join();
      return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : 0;
    }

    @Override
    public void close() {
      writer.interrupt();
      try {
        socket.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
