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
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Index;
import org.junit.jupiter.api.Test;

/**
 * A browser's kept-alive connection costs the app little heap between its requests: no per-connection cache of
 * parsed header lines (about 100 KB each in Jetty's default), which at 1,000+ clients ran a 512 MB node out of heap.
 */
class KeptAliveConnectionIT {

  @Test
  void aConnectionThatServedSeveralRequestsKeepsNoHeaderCache() throws Exception {
    HttpServlet page = new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().write("page");
      }
    };
    WebServer web = new WebServer("127.0.0.1", 0, TestWeb.templates(), TestWeb.HEADERS, field -> false,
        List.of(new WebServer.Route("/page", page)), List.of());
    web.start();
    try {
      HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < 3; i++) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/page"))
            .header("Accept", "text/html").header("User-Agent", "browser").build();
        assertThat(browser.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("page");
      }

      assertThat(web.openConnections()).singleElement()
          .satisfies(connection -> assertThat(headerCache(connection).size()).isZero());
    } finally {
      web.stop();
    }
  }

  private static Index<?> headerCache(EndPoint connection) {
    Index<?> cache = ((HttpConnection) connection.getConnection()).getParser().getFieldCache();
    return cache == null ? Index.empty(false) : cache;
  }
}
