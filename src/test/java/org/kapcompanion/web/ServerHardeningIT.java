package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Over real HTTP: only the methods the app serves get through, nothing says which server answers, and the answers
 * Jetty makes itself before a request reaches the app carry the app's page and security headers.
 */
class ServerHardeningIT {

  private static final String EHR = "https://ehr.example.org";
  private static final String OTHER_EHR = "https://other-ehr.example.org";
  private static WebServer web;

  @BeforeAll
  static void start() throws Exception {
    SecurityHeaders headers = new SecurityHeaders(Map.of("clinic", List.of(EHR), "other", List.of(OTHER_EHR)), true);
    Templates templates = new Templates(headers);
    HttpServlet echo = new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().write(request.getMethod() + " " + request.getHeader("Cookie"));
      }
    };
    HttpServlet clinicSession = new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        headers.frameFor(response, "clinic");
        if (request.getPathInfo().endsWith("/error")) {
          templates.error(response, 403, "Blocked", "Reload the page.");
        } else {
          response.getWriter().write("session page");
        }
      }
    };
    HttpServlet noSession = new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        templates.error(response, 401, "Your session has ended", "Launch again from the EHR.");
      }
    };
    web = new WebServer("127.0.0.1", 0, templates, headers, field -> false, List.of(
        new WebServer.Route("/echo", echo), new WebServer.Route("/s/*", clinicSession),
        new WebServer.Route("/ended", noSession)), List.of());
    web.start();
  }

  @AfterAll
  static void stop() throws Exception {
    web.stop();
  }

  @Test
  void traceIsRefusedWithoutEchoingTheCookie() throws IOException {
    RawHttp.Answer answer = RawHttp.send(web.port(), "TRACE /echo HTTP/1.1\r\nCookie: kap_browser=secret-browser-key");

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.header("Allow")).hasValue("GET, HEAD, POST");
    assertThat(answer.body()).doesNotContain("secret-browser-key").contains("This action is not available");
  }

  @Test
  void methodsTheAppDoesNotServeAre405BeforeReachingIt() throws IOException {
    for (String request : List.of("CONNECT ehr.example.org:443 HTTP/1.1\r\nHost: ehr.example.org:443",
        "PUT /echo HTTP/1.1", "DELETE /s/handle/session HTTP/1.1", "OPTIONS /echo HTTP/1.1", "PATCH /echo HTTP/1.1")) {
      RawHttp.Answer answer = RawHttp.send(web.port(), request);

      assertThat(answer.status()).as(request).isEqualTo(405);
      assertThat(answer.body()).as(request).doesNotContain("PUT ", "DELETE ", "OPTIONS ", "PATCH ");
      assertJettyErrorIsTheAppsOwn(answer);
    }
    assertThat(RawHttp.send(web.port(), "GET /echo HTTP/1.1").body()).startsWith("GET");
    assertThat(RawHttp.send(web.port(), "POST /echo HTTP/1.1").body()).startsWith("POST");
  }

  @Test
  void noAnswerSaysWhichServerSentIt() throws IOException {
    for (String request : List.of("GET /echo HTTP/1.1", "GET /nothing-here HTTP/1.1", "GET /%ZZ HTTP/1.1",
        "TRACE /echo HTTP/1.1")) {
      RawHttp.Answer answer = RawHttp.send(web.port(), request);

      assertThat(answer.header("Server")).as(request).isEmpty();
      assertThat(answer.header("X-Powered-By")).as(request).isEmpty();
    }
  }

  @Test
  void malformedRequestsAnsweredByJettyCarryTheAppsPageAndHeaders() throws IOException {
    Map<String, Integer> requests = Map.of("GET /%ZZ HTTP/1.1", 400,
        "GET /echo?" + "a".repeat(20_000) + " HTTP/1.1", 414,
        "GET /echo HTTP/1.1\r\nX-Filler: " + "a".repeat(20_000), 431,
        "GET /echo HTTP/9.9", 505);
    for (Map.Entry<String, Integer> request : requests.entrySet()) {
      RawHttp.Answer answer = RawHttp.send(web.port(), request.getKey());

      assertThat(answer.status()).isEqualTo(request.getValue());
      assertJettyErrorIsTheAppsOwn(answer);
    }
  }

  @Test
  void httpsAppSendsHstsAndAppPagesCarryTheSecurityHeaders() throws IOException {
    RawHttp.Answer page = RawHttp.send(web.port(), "GET /echo HTTP/1.1");

    assertThat(page.header("Strict-Transport-Security")).hasValue("max-age=31536000");
    assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .endsWith("frame-ancestors 'none'"));
    assertThat(page.header("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.header("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void aSessionsPagesMayBeFramedByItsOwnEhrOnlyAndErrorPagesOutsideASessionByAnyConfiguredEhr()
      throws IOException {
    assertThat(RawHttp.send(web.port(), "GET /s/handle/summary HTTP/1.1").header("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).endsWith("; frame-ancestors " + EHR));
    assertThat(RawHttp.send(web.port(), "GET /s/handle/error HTTP/1.1").header("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).endsWith("; frame-ancestors " + EHR));
    assertThat(RawHttp.send(web.port(), "GET /ended HTTP/1.1").header("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains(EHR).contains(OTHER_EHR));
  }

  @Test
  void httpAppSendsNoHsts() {
    HttpFields.Mutable fields = HttpFields.build();
    new SecurityHeaders(Map.of(), false).errorPage(fields);

    assertThat(fields.get("Strict-Transport-Security")).isNull();
    assertThat(fields.get("Content-Security-Policy")).endsWith("frame-ancestors 'none'");
  }

  @Test
  void malformedRequestNamingASessionLeavesTheHandleOutOfTheProductionLog() throws Exception {
    LoggerContext production = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(production);
    configurator.doConfigure(ServerHardeningIT.class.getResource("/logback.xml"));
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    root.addAppender(seen);
    try {
      RawHttp.Answer answer = RawHttp.send(web.port(), "CONNECT /s/handle-of-a-session/summary HTTP/1.1");

      assertThat(answer.status()).isEqualTo(400);
      assertJettyErrorIsTheAppsOwn(answer);
      assertThat(seen.list).filteredOn(event -> event.getFormattedMessage().contains("handle-of-a-session"))
          .noneMatch(event -> production.getLogger(event.getLoggerName()).isEnabledFor(event.getLevel()));
    } finally {
      root.detachAppender(seen);
      production.stop();
    }
  }

  private static void assertJettyErrorIsTheAppsOwn(RawHttp.Answer answer) {
    assertThat(answer.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("default-src 'none'").contains("frame-ancestors ").contains(EHR).contains(OTHER_EHR));
    assertThat(answer.header("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(answer.header("Referrer-Policy")).hasValue("no-referrer");
    assertThat(answer.header("Strict-Transport-Security")).hasValue("max-age=31536000");
    assertThat(answer.header("Server")).isEmpty();
    assertThat(answer.body()).contains("· KAP Companion</title>", "<link rel=\"stylesheet\" href=\"/assets/app.css\">")
        .doesNotContainIgnoringCase("jetty").doesNotContain("Reference for IT");
  }
}
