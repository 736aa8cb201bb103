package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer sent before its request's body was read (a guard's refusal flushed at once) tells the client that the
 * connection closes, since Jetty closes it afterwards; an answer after the body was read keeps the connection.
 */
class AnswerBeforeBodyIT {

  private static final int BODY_LENGTH = 1000;

  private WebServer web;

  @BeforeEach
  void start() throws Exception {
    HttpServlet refusesAtOnce = new HttpServlet() {
      @Override
      protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(403);
        response.getWriter().write("refused");
        response.flushBuffer();
      }
    };
    HttpServlet readsFirst = new HttpServlet() {
      @Override
      protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int length = request.getInputStream().readAllBytes().length;
        response.getWriter().write("read " + length);
        response.flushBuffer();
      }
    };
    web = new WebServer("127.0.0.1", 0, TestWeb.templates(), TestWeb.HEADERS, field -> false,
        List.of(new WebServer.Route("/refuses", refusesAtOnce), new WebServer.Route("/reads", readsFirst)), List.of());
    web.start();
  }

  @AfterEach
  void stop() throws Exception {
    web.stop();
  }

  @Test
  void anAnswerCommittedBeforeTheBodyArrivedSaysTheConnectionCloses() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", web.port())) {
      socket.setSoTimeout(10_000);
      sendPost(socket.getOutputStream(), "/refuses", 10);

      String head = RawHttp.readHead(socket.getInputStream());

      assertThat(head).startsWith("HTTP/1.1 403").containsIgnoringCase("\r\nConnection: close\r\n");
    }
  }

  @Test
  void anAnswerAfterTheBodyWasReadKeepsTheConnectionForTheNextRequest() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", web.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      sendPost(out, "/reads", BODY_LENGTH);
      String first = RawHttp.readHead(in);
      in.readNBytes(chunkedBodyLength("read " + BODY_LENGTH));

      sendPost(out, "/reads", BODY_LENGTH);

      assertThat(first).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("Connection: close");
      assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 200");
    }
  }

  private static void sendPost(OutputStream out, String path, int bytesOfBodySent) throws IOException {
    out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
        + "Content-Length: " + BODY_LENGTH + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(new byte[bytesOfBodySent]);
    out.flush();
  }

  /** The bytes of a chunked body holding {@code text} in one chunk: size line, data, CRLF, last chunk. */
  private static int chunkedBodyLength(String text) {
    return Integer.toHexString(text.length()).length() + 2 + text.length() + 2 + "0\r\n\r\n".length();
  }
}
