package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.writeback.SessionClient;

/**
 * The request boundary of the running app over real HTTP against the sandbox EHR: malformed launch parameters,
 * the CSRF rule, the body type each save takes, a save without its fields, refused characters in an entry, and the
 * EHR that may frame a session's pages.
 */
class SessionBoundaryIT {

  private static TestEnvironment environment;
  private static int port;
  private static SessionClient session;

  /** A launch for a patient of this test's own, whose dosing session is running. */
  @BeforeAll
  static void launch() throws Exception {
    environment = TestEnvironment.get();
    port = environment.app(TestEnvironment.PUBLIC_CLIENT).port();
    String patient = "kap-pt-boundary-" + UUID.randomUUID().toString().substring(0, 8);
    SandboxSessions ehr = SandboxSessions.of(environment);
    ehr.patientInARunningSession(patient, "Robin Boundary");
    session = SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, patient, null);
  }

  @Test
  void malformedLaunchAndCallbackParametersAre400WithTheAppsPage() throws Exception {
    for (String target : List.of("/launch?iss=%ZZ", "/launch?iss=https://ehr.example.org/%FF&launch=1",
        "/callback?state=%ZZ&code=1", "/callback?code=a%00b&state=1", "/launch?iss=https%3A%2F%2Fehr%E2%80%AE")) {
      RawHttp.Answer answer = RawHttp.send(port, "GET " + target + " HTTP/1.1");

      assertThat(answer.status()).as(target).isEqualTo(400);
      RequestBoundaryIT.assertAppPage(answer, "</h1>");
    }
  }

  @Test
  void sessionPagesMayBeFramedByTheLaunchingEhrOnlyAndPagesOutsideASessionByNone() throws Exception {
    String ehr = environment.ehrOrigin().toString().replaceAll("/$", "");

    HttpBrowser.Page summary = session.browser().get(session.base());
    assertThat(summary.header("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).endsWith("; frame-ancestors " + ehr));
    HttpBrowser.Page start = session.browser().get(environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "/"));
    assertThat(start.header("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).endsWith("; frame-ancestors 'none'"));
    HttpBrowser.Page ended = new HttpBrowser().get(session.base());
    assertThat(ended.status()).isEqualTo(401);
    assertThat(ended.header("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).endsWith("; frame-ancestors " + ehr));
  }

  @Test
  void csrfTokenComesFromTheHeaderOrAPlainFormPostNeverFromTheAddress() throws Exception {
    String retry = "entries/retry?id=" + UUID.randomUUID();

    assertThat(post(retry, Map.of("X-CSRF-Token", session.csrf()), null, "").statusCode()).isEqualTo(404);
    assertThat(post(retry, Map.of("X-CSRF-Token", "forged"), null, "").statusCode()).isEqualTo(403);
    assertThat(post(retry + "&csrf=" + session.csrf(), Map.of(), null, "").statusCode()).isEqualTo(403);
    assertThat(post(retry + "&csrf=" + session.csrf(), Map.of(), "application/x-www-form-urlencoded", "a=b")
        .statusCode()).isEqualTo(403);
    assertThat(post(retry, Map.of(), "application/x-www-form-urlencoded", "csrf=" + session.csrf()).statusCode())
        .isEqualTo(404);
    assertThat(post(retry, Map.of(), "text/plain", "csrf=" + session.csrf()).statusCode()).isEqualTo(403);
  }

  @Test
  void eachSaveTakesItsOwnBodyTypeAndAnEmptyPlanIsNotSaved() throws Exception {
    int entriesBefore = session.status().json().getAsJsonArray("entries").size();
    Map<String, String> csrf = Map.of("X-CSRF-Token", session.csrf(), "Accept", "application/json");

    assertThat(post("integration", csrf, "application/json", "{\"themes\": \"x\"}").statusCode()).isEqualTo(415);
    assertThat(post("integration", csrf, "application/xml", "<plan/>").statusCode()).isEqualTo(415);
    assertThat(post("session/entries", csrf, "application/x-www-form-urlencoded", "kind=note").statusCode())
        .isEqualTo(415);
    HttpResponse<String> empty = post("integration", csrf, "application/x-www-form-urlencoded", "");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(post("integration", Map.of("X-CSRF-Token", session.csrf()), null, "").statusCode()).isEqualTo(400);

    assertThat(session.status().json().getAsJsonArray("entries")).hasSize(entriesBefore);
  }

  @Test
  void entryWithAControlCharacterIsRefusedNamingItsFieldWhileANoteKeepsItsLineBreaks() throws Exception {
    SessionClient.Response refused = session.saveNote(UUID.randomUUID().toString(), "Calm\u0007 then tearful");

    assertThat(refused.status()).isEqualTo(400);
    JsonObject answer = refused.json();
    assertThat(answer.get("field").getAsString()).isEqualTo("text");
    assertThat(answer.get("error").getAsString()).contains("U+0007");
    SessionClient.Response kept = session.saveNote(UUID.randomUUID().toString(), "Calm.\nThen tearful.");
    assertThat(kept.status()).as(kept.body()).isEqualTo(200);
  }

  @Test
  void dischargeWithoutItsEntryIdDuringARunningSessionIs400() throws Exception {
    assertThat(session.browser().get(session.base().resolve("discharge")).body()).contains("Save discharge checklist");

    HttpBrowser.Page answer = session.browser().post(session.base().resolve("discharge"),
        Map.of("csrf", session.csrf(), "sedation-resolved", "true"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("The discharge checklist could not be read").doesNotContain("Exception");
  }

  private static HttpResponse<String> post(String path, Map<String, String> headers, String contentType, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(session.base().resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Cookie", BrowserCookie.NAME + "=" + session.browser().cookie(session.base(), BrowserCookie.NAME)
            .orElseThrow())
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
