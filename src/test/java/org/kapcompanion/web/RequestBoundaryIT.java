package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over real HTTP, the request boundary answers every malformed, oversized or refused input with 400, 413 or 415 and
 * the app's own page (or JSON for the pages' scripts) — never a 500, an exception's text or a reset connection.
 */
class RequestBoundaryIT {

  private static WebServer web;

  @BeforeAll
  static void start() throws Exception {
    HttpServlet form = new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().write("fields " + request.getParameterMap().keySet().stream().sorted().toList());
      }
    };
    HttpServlet json = new HttpServlet() {
      @Override
      protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().write("members " + JsonBody.read(request, Set.of("text")).keySet());
      }
    };
    web = new WebServer("127.0.0.1", 0, TestWeb.templates(), TestWeb.HEADERS, "note"::equals,
        List.of(new WebServer.Route("/form", form), new WebServer.Route("/json", json)), List.of());
    web.start();
  }

  @AfterAll
  static void stop() throws Exception {
    web.stop();
  }

  @Test
  void malformedQueryParametersAreAnswered400WithTheAppsPage() throws IOException {
    for (String query : List.of("iss=%ZZ", "state=%FF%FE", "a=%ED%A0%80", "x=%2")) {
      RawHttp.Answer answer = RawHttp.send(web.port(), "GET /form?" + query + " HTTP/1.1");

      assertThat(answer.status()).as(query).isEqualTo(400);
      assertAppPage(answer, "The address could not be read");
    }
  }

  @Test
  void controlCharacterInAQueryParameterIsRefusedNamingTheParameter() throws IOException {
    RawHttp.Answer answer = RawHttp.send(web.port(), "GET /form?patient=12%07 HTTP/1.1");

    assertThat(answer.status()).isEqualTo(400);
    assertAppPage(answer, "The field \"patient\" holds an invisible control character (U+0007) at character 3");
  }

  @Test
  void formFieldWithATextDirectionOverrideIsRefusedNamingItForThePagesScripts() throws IOException {
    RawHttp.Answer answer = postForm("name=Sam%E2%80%AEeoD", "Accept: application/json");

    assertThat(answer.status()).isEqualTo(400);
    JsonObject json = JsonParser.parseString(answer.body()).getAsJsonObject();
    assertThat(json.get("field").getAsString()).isEqualTo("name");
    assertThat(json.get("error").getAsString()).contains("text-direction control (U+202E) at character 4");
    assertThat(json.getAsJsonArray("problems").get(0).getAsJsonObject().get("location").getAsString())
        .isEqualTo("name");
  }

  @Test
  void lineBreaksAndTabsPassInFreeTextFieldsOnly() throws IOException {
    assertThat(postForm("note=first%0D%0Asecond%09third&name=Sam").body()).isEqualTo("fields [name, note]");

    RawHttp.Answer answer = postForm("note=ok&name=Sam%0ALee");
    assertThat(answer.status()).isEqualTo(400);
    assertAppPage(answer, "The field \"name\" holds a tab or line break (U+000A)");
  }

  @Test
  void valueLongerThanTheBackstopIsRefusedNamingTheField() throws IOException {
    assertThat(postForm("note=" + "x".repeat(10_000)).status()).isEqualTo(200);

    RawHttp.Answer answer = postForm("note=" + "x".repeat(10_001));
    assertThat(answer.status()).isEqualTo(400);
    assertAppPage(answer, "is longer than 10,000 characters");
  }

  @Test
  void formBodyThatIsNotUtf8Is400() throws IOException {
    RawHttp.Answer answer = postForm("name=%FF%FE");

    assertThat(answer.status()).isEqualTo(400);
    assertAppPage(answer, "not valid UTF-8");
  }

  @Test
  void formInAnotherCharacterSetIs415() throws IOException {
    for (String charset : List.of("charset=foo", "charset=\"no such charset\"", "charset=ISO-8859-1")) {
      RawHttp.Answer answer = RawHttp.send(web.port(), "POST /form HTTP/1.1\r\n"
          + "Content-Type: application/x-www-form-urlencoded; " + charset, "name=Sam".getBytes(StandardCharsets.UTF_8));

      assertThat(answer.status()).as(charset).isEqualTo(415);
      assertAppPage(answer, "send UTF-8");
    }
  }

  @Test
  void formWithMoreThanAThousandFieldsIs400() throws IOException {
    String fields = IntStream.range(0, 1_001).mapToObj(i -> "f" + i + "=v").collect(Collectors.joining("&"));

    RawHttp.Answer answer = postForm(fields);

    assertThat(answer.status()).isEqualTo(400);
    assertAppPage(answer, "more than 1000 fields");
  }

  @Test
  void tenMegabyteBodyIs413WithoutAResetConnection() throws Exception {
    byte[] body = new byte[10_000_000];
    Arrays.fill(body, (byte) 'a');
    body[1] = '=';
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (HttpRequest.BodyPublisher publisher : List.of(HttpRequest.BodyPublishers.ofByteArray(body),
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))) {
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port()
          + "/form")).header("Content-Type", "application/x-www-form-urlencoded").POST(publisher).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(413);
      assertThat(answer.body()).contains("What was sent is too large").doesNotContainIgnoringCase("exception");
    }
  }

  @Test
  void jsonStringsKeepToTheRuleWithLineBreaksOnlyInFreeText() throws IOException {
    assertThat(postJson("{\"kind\": \"note\", \"text\": \"first\\nsecond\"}").body())
        .isEqualTo("members [kind, text]");

    RawHttp.Answer control = postJson("{\"kind\": \"note\", \"text\": \"calm\\u0000\"}");
    assertThat(control.status()).isEqualTo(400);
    assertThat(JsonParser.parseString(control.body()).getAsJsonObject().get("field").getAsString()).isEqualTo("text");

    RawHttp.Answer nested = postJson("{\"kind\": \"note\", \"tags\": [\"grounding\\u202E\"]}");
    assertThat(nested.status()).isEqualTo(400);
    assertThat(JsonParser.parseString(nested.body()).getAsJsonObject().get("field").getAsString()).isEqualTo("tags");

    assertThat(postJson("{\"kind\": \"no\\nte\"}").status()).isEqualTo(400);
  }

  @Test
  void jsonThatCannotBeReadIsRefusedWithoutAStackTrace() throws IOException {
    Map<String, Integer> bodies = Map.of("not json", 400, "[1, 2]", 400, "{\"a\": " + "[".repeat(50_000), 400,
        "{\"text\": \"" + "x".repeat(130_000) + "\"}", 413);
    for (Map.Entry<String, Integer> body : bodies.entrySet()) {
      RawHttp.Answer answer = postJson(body.getKey());

      assertThat(answer.status()).as(body.getKey().substring(0, 6)).isEqualTo(body.getValue());
      assertThat(JsonParser.parseString(answer.body()).getAsJsonObject().get("error").getAsString())
          .doesNotContainIgnoringCase("exception").doesNotContain("org.");
    }
    byte[] latin1 = "{\"text\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(RawHttp.send(web.port(), "POST /json HTTP/1.1\r\nContent-Type: application/json", latin1).status())
        .isEqualTo(400);
  }

  @Test
  void jsonEndpointRefusesOtherContentTypesWith415() throws IOException {
    for (String type : List.of("application/xml", "text/plain", "application/x-www-form-urlencoded",
        "application/json; charset=utf-16")) {
      RawHttp.Answer answer = RawHttp.send(web.port(), "POST /json HTTP/1.1\r\nContent-Type: " + type,
          "{\"kind\": \"note\"}".getBytes(StandardCharsets.UTF_8));

      assertThat(answer.status()).as(type).isEqualTo(415);
    }
  }

  private static RawHttp.Answer postForm(String body, String... headers) throws IOException {
    return RawHttp.send(web.port(), "POST /form HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded"
        + Arrays.stream(headers).map(h -> "\r\n" + h).collect(Collectors.joining()),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static RawHttp.Answer postJson(String body) throws IOException {
    return RawHttp.send(web.port(), "POST /json HTTP/1.1\r\nContent-Type: application/json\r\n"
        + "Accept: application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  static void assertAppPage(RawHttp.Answer answer, String advice) {
    assertThat(answer.header("Content-Type")).hasValue("text/html;charset=utf-8");
    assertThat(answer.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("default-src 'none'", "frame-ancestors"));
    assertThat(answer.header("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(answer.body()).contains("· KAP Companion</title>", advice)
        .doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("jetty");
  }
}
