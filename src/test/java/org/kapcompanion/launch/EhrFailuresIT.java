package org.kapcompanion.launch;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcompanion.web.TestWeb;
import org.kapcompanion.web.WebServer;

/**
 * A session page whose EHR call fails, over real HTTP: each failure gets its own status and words, as a page or as
 * JSON for a page's script, and never the EHR's own text (which may name the patient).
 */
class EhrFailuresIT {

  private static final String EHR_TEXT = "Patient Ada Lovelace-Reyes not found";
  private static final Map<String, Supplier<RuntimeException>> FAILURES = Map.of(
      "unauthorized", () -> new AuthenticationException(EHR_TEXT),
      "forbidden", () -> new ForbiddenOperationException(EHR_TEXT),
      "gone", () -> new ResourceGoneException(EHR_TEXT),
      "error", () -> new InternalErrorException(EHR_TEXT),
      "timeout", () -> new FhirClientConnectionException(EHR_TEXT));
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static WebServer web;

  @BeforeAll
  static void start() throws Exception {
    EhrFailures failures = new EhrFailures(TestWeb.templates());
    HttpServlet failing = new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getOutputStream().write("half a page that must not be sent".getBytes(StandardCharsets.UTF_8));
        failures.send(FAILURES.get(request.getPathInfo().substring(1)).get(), "test",
            "application/json".equals(request.getHeader("Accept")), response);
      }
    };
    web = new WebServer("127.0.0.1", 0, TestWeb.templates(), TestWeb.HEADERS, field -> false,
        List.of(new WebServer.Route("/fail/*", failing)), List.of());
    web.start();
  }

  @AfterAll
  static void stop() throws Exception {
    web.stop();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"unauthorized, 401, Launch KAP Companion again from the EHR", "forbidden, 502, Ask IT to check",
      "gone, 502, Reload the page in a moment", "error, 502, Reload the page in a moment",
      "timeout, 504, did not answer in time"})
  void failedEhrCallIsAnsweredWithItsOwnWordsAsAPageAndAsJson(String failure, int status, String words)
      throws Exception {
    HttpResponse<String> page = get(failure, "text/html");
    HttpResponse<String> json = get(failure, "application/json");

    assertThat(page.statusCode()).isEqualTo(status);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains(words).doesNotContain("Lovelace", "half a page", "Exception");
    assertThat(json.statusCode()).isEqualTo(status);
    assertThat(json.body()).startsWith("{\"error\":").contains(words).doesNotContain("Lovelace", "half a page");
  }

  private static HttpResponse<String> get(String failure, String accept) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/fail/" + failure))
        .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
  }
}
