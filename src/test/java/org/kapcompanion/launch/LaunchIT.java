package org.kapcompanion.launch;

import org.kapcompanion.session.AppSession;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.StoredSessions;
import org.kapcompanion.testing.TestEnvironment;

/** The SMART launch end to end over real HTTP: the app, the sandbox EHR's authorization server and FHIR server. */
class LaunchIT {

  private static final String PATIENT = "kap-pt-01";
  private static TestEnvironment environment;
  private final HttpBrowser browser = new HttpBrowser();
  private final Launches launches = new Launches(environment, browser);

  @BeforeAll
  static void start() {
    environment = TestEnvironment.get();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
  }

  @Test
  void ehrLaunchLandsOnThePatientsRecordSummary() throws Exception {
    List<HttpBrowser.Page> pages = launches.ehrLaunch(TestEnvironment.PUBLIC_CLIENT, PATIENT);
    HttpBrowser.Page summary = browser.last(pages);
    assertThat(summary.status()).isEqualTo(200);
    assertThat(summary.url().getPath()).matches("/s/[A-Za-z0-9_-]{43}/");
    assertThat(summary.body()).contains("Marisol", "Quintero-Hale", "Record summary",
        "clonazepam", "Benzodiazepine", "Penicillin", "PHQ-9", "Prior KAP sessions");
    assertThat(summary.body()).as("every part read, the score searches by code included")
        .doesNotContain("could not provide", "No PHQ-9, GAD-7 or PCL-5 scores recorded");
    assertThat(pages).noneMatch(page -> page.url().toString().contains("access_token"));
    assertThat(summary.body()).doesNotContain("eyJ");
  }

  @Test
  void authorizeRequestCarriesPkceStateNonceAndExactAudience() throws Exception {
    HttpBrowser.Page launch = browser.get(launches.appLaunchUrl(TestEnvironment.PUBLIC_CLIENT, PATIENT, true));
    String authorize = launch.location().orElseThrow().getRawQuery();
    assertThat(authorize).contains("code_challenge_method=S256", "code_challenge=", "nonce=", "launch=",
        "aud=" + java.net.URLEncoder.encode(environment.ehr().fhirBase().toString(), "UTF-8"));
    String state = queryParameter(launch.location().orElseThrow(), "state");
    assertThat(java.util.Base64.getUrlDecoder().decode(state)).hasSizeGreaterThanOrEqualTo(16);
  }

  @Test
  void replayedStateIsRefused() throws Exception {
    URI callback = launches.callbackUrl(TestEnvironment.PUBLIC_CLIENT, PATIENT);
    assertThat(browser.get(callback).status()).isEqualTo(303);
    HttpBrowser.Page replay = browser.get(callback);
    assertThat(replay.status()).isEqualTo(400);
    assertThat(replay.body()).contains("no longer valid", "Launch again from the EHR");
  }

  @Test
  void forgedStateIsRefused() throws Exception {
    browser.get(environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "launch?iss=" + environment.ehr().fhirBase()));
    HttpBrowser.Page page = browser.get(environment.appUrl(TestEnvironment.PUBLIC_CLIENT,
        "callback?code=abc&state=forged-state-value"));
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("no longer valid").doesNotContain("Exception");
  }

  @Test
  void stateUsedFromAnotherBrowserIsRefused() throws Exception {
    URI callback = launches.callbackUrl(TestEnvironment.PUBLIC_CLIENT, PATIENT);
    HttpBrowser other = new HttpBrowser();
    HttpBrowser.Page withoutCookie = other.get(callback);
    assertThat(withoutCookie.status()).isEqualTo(400);
    assertThat(withoutCookie.body()).contains("cookie");
    other.get(environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "launch?iss=" + environment.ehr().fhirBase()));
    assertThat(other.get(callback).status()).isEqualTo(400);
    assertThat(browser.get(callback).status()).isEqualTo(400);
  }

  @Test
  void unknownOrMissingIssIsExplained() throws Exception {
    HttpBrowser.Page unknown = browser.get(environment.appUrl(TestEnvironment.PUBLIC_CLIENT,
        "launch?iss=https%3A%2F%2Fevil.example%2Ffhir&launch=x"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("not set up for KAP Companion");
    HttpBrowser.Page missing = browser.get(environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "launch"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("must be opened from the EHR");
  }

  @Test
  void wrongAudienceIsRejectedByTheEhrAndExplainedByTheApp() throws Exception {
    HttpBrowser.Page launch = browser.get(launches.appLaunchUrl(TestEnvironment.PUBLIC_CLIENT, PATIENT, true));
    URI authorize = launch.location().orElseThrow();
    URI wrongAud = URI.create(authorize.toString().replaceFirst("aud=[^&]+", "aud=https%3A%2F%2Fother.example%2Ffhir"));
    HttpBrowser.Page end = browser.last(browser.follow(browser.get(wrongAud)));
    assertThat(end.url().getPath()).isEqualTo("/callback");
    assertThat(end.status()).isEqualTo(403);
    assertThat(end.body()).contains("did not allow access");
  }

  @Test
  void authorizationErrorFromTheEhrIsExplained() throws Exception {
    HttpBrowser.Page launch = browser.get(launches.appLaunchUrl(TestEnvironment.PUBLIC_CLIENT, PATIENT, true));
    String state = queryParameter(launch.location().orElseThrow(), "state");
    HttpBrowser.Page denied = browser.get(environment.appUrl(TestEnvironment.PUBLIC_CLIENT,
        "callback?error=access_denied&state=" + state));
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.body()).contains("did not allow access");
  }

  @Test
  void tokenEndpointFailureIsExplained() throws Exception {
    URI callback = launches.callbackUrl(TestEnvironment.PUBLIC_CLIENT, PATIENT);
    URI badCode = URI.create(callback.toString().replaceFirst("code=[^&]+", "code=not-a-real-code"));
    HttpBrowser.Page page = browser.get(badCode);
    assertThat(page.status()).isEqualTo(502);
    assertThat(page.body()).contains("Sign-in could not be completed");
  }

  @Test
  void standaloneLaunchSignsInAndPicksAPatient() throws Exception {
    HttpBrowser.Page page = browser.get(environment.appUrl(TestEnvironment.PUBLIC_CLIENT,
        "launch?iss=" + environment.ehr().fhirBase()));
    page = browser.last(browser.follow(page));
    assertThat(page.body()).contains("Password");
    HttpBrowser.Page login = browser.post(page.url().resolve("/auth/login"), java.util.Map.of("csrf", page.inputValue("csrf"),
        "request", page.inputValue("request"), "practitioner", Launches.THERAPIST,
        "password", sandboxPassword(page.body())));
    HttpBrowser.Page picker = browser.last(browser.follow(login));
    assertThat(picker.body()).contains("Quintero-Hale");
    HttpBrowser.Page picked = browser.post(picker.url().resolve("/auth/patient"), java.util.Map.of("csrf", picker.inputValue("csrf"),
        "request", picker.inputValue("request"), "patient", "kap-pt-03"));
    HttpBrowser.Page summary = browser.last(browser.follow(picked));
    assertThat(summary.status()).isEqualTo(200);
    assertThat(summary.body()).contains("Venkataraman-Shaw", "lamotrigine", "Lamotrigine");
  }

  @Test
  void confidentialClientWithPrivateKeyJwtLaunches() throws Exception {
    environment.app(TestEnvironment.JWT_CLIENT);
    HttpBrowser.Page summary = launches.ehrLaunchedPage(TestEnvironment.JWT_CLIENT, "kap-pt-05");
    assertThat(summary.status()).isEqualTo(200);
    assertThat(summary.body()).contains("Takahashi-Reyes", "methylphenidate", "Psychostimulant");
  }

  @Test
  void confidentialClientWithClientSecretLaunches() throws Exception {
    environment.app(TestEnvironment.SECRET_CLIENT);
    HttpBrowser.Page summary = launches.ehrLaunchedPage(TestEnvironment.SECRET_CLIENT, "kap-pt-02");
    assertThat(summary.status()).isEqualTo(200);
    assertThat(summary.body()).contains("Okonkwo-Lind");
  }

  @Test
  void expiredAccessTokenIsRefreshedBeforeReading() throws Exception {
    HttpBrowser.Page summary = launches.ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, PATIENT);
    Stored stored = stored(summary);
    AppSession session = stored.session();
    assertThat(session.tokens().refreshToken()).isPresent();
    stored.sessions().update(stored.handle(), session.withTokens(new AppSession.Tokens("expired-token",
        session.tokens().refreshToken(), Instant.now().minusSeconds(5))));

    HttpBrowser.Page again = browser.get(summary.url());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("Quintero-Hale");
    assertThat(stored(summary).session().tokens().accessToken()).isNotEqualTo("expired-token");
  }

  @Test
  void rejectedAccessTokenIsRefreshedOnce() throws Exception {
    HttpBrowser.Page summary = launches.ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, PATIENT);
    Stored stored = stored(summary);
    stored.sessions().update(stored.handle(), stored.session().withTokens(new AppSession.Tokens("revoked-token",
        stored.session().tokens().refreshToken(), Instant.now().plusSeconds(3600))));

    HttpBrowser.Page again = browser.get(summary.url());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("Quintero-Hale");
  }

  @Test
  void unusableRefreshTokenEndsTheSessionWithARelaunchPage() throws Exception {
    HttpBrowser.Page summary = launches.ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, PATIENT);
    Stored stored = stored(summary);
    stored.sessions().update(stored.handle(), stored.session().withTokens(new AppSession.Tokens("expired-token",
        Optional.of("revoked-refresh-token"), Instant.now().minusSeconds(5))));

    HttpBrowser.Page again = browser.get(summary.url());
    assertThat(again.status()).isEqualTo(401);
    assertThat(again.body()).contains("session has ended", "Launch again from the EHR").doesNotContain("Quintero");
  }

  @Test
  void sessionPagesBelongToTheBrowserThatLaunched() throws Exception {
    HttpBrowser.Page summary = launches.ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, PATIENT);
    HttpBrowser.Page stolen = new HttpBrowser().get(summary.url());
    assertThat(stolen.status()).isEqualTo(401);
    assertThat(stolen.body()).doesNotContain("Quintero");
    assertThat(browser.get(environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "s/made-up-handle/")).status())
        .isEqualTo(401);
  }

  @Test
  void twoLaunchesInOneBrowserKeepTheirOwnPatients() throws Exception {
    URI first = launches.ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, "kap-pt-01").url();
    URI second = launches.ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, "kap-pt-06").url();
    assertThat(first).isNotEqualTo(second);
    assertThat(browser.get(first).body()).contains("Quintero-Hale").doesNotContain("Lindqvist-Oduya");
    assertThat(browser.get(second).body()).contains("Lindqvist-Oduya").doesNotContain("Quintero-Hale");
  }

  @Test
  void hostilePatientDataIsRenderedAsText() throws Exception {
    HttpBrowser.Page summary = launches.ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, "kap-pt-hostile");
    assertThat(summary.status()).isEqualTo(200);
    assertThat(summary.body()).doesNotContain("<script>alert(1)</script>").doesNotContain("</textarea>{{")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void pagesCarryTheSecurityHeaders() throws Exception {
    HttpBrowser.Page summary = launches.ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, PATIENT);
    String origin = environment.ehrOrigin().toString().replaceAll("/$", "");
    assertThat(summary.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("script-src 'self'").endsWith("; frame-ancestors " + origin).doesNotContain("unsafe-inline"));
    assertThat(summary.header("Cache-Control")).contains("no-store");
    assertThat(summary.header("Referrer-Policy")).contains("no-referrer");
    HttpBrowser.Page launch = new HttpBrowser().get(environment.appUrl(TestEnvironment.PUBLIC_CLIENT,
        "launch?iss=" + environment.ehr().fhirBase()));
    assertThat(launch.header("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
        .contains("HttpOnly", "Secure", "SameSite=None", "Partitioned"));
  }

  @Test
  void fhirServerRejectsRequestsWithoutAToken() throws Exception {
    HttpBrowser.Page page = browser.get(URI.create(environment.ehr().fhirBase() + "/Patient/" + PATIENT));
    assertThat(page.status()).isEqualTo(401);
  }

  private record Stored(Sessions sessions, String handle, AppSession session) {}

  private Stored stored(HttpBrowser.Page sessionPage) {
    return new Stored(StoredSessions.of(TestEnvironment.PUBLIC_CLIENT), StoredSessions.handle(sessionPage),
        StoredSessions.session(TestEnvironment.PUBLIC_CLIENT, browser, sessionPage));
  }

  private static String queryParameter(URI url, String name) {
    for (String pair : url.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + url);
  }

  private static String sandboxPassword(String loginPage) {
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("password is <code>([^<]+)</code>")
        .matcher(loginPage);
    if (!matcher.find()) {
      throw new AssertionError("the login page does not show the sandbox password");
    }
    return matcher.group(1);
  }
}
