package org.kapcompanion.testing;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Drives launches the way a clinician does: through the sandbox launcher, or through a standalone sign-in. */
public final class Launches {

  public static final String THERAPIST = "kap-therapist-1";
  /** A second therapist of the seed, documenting the same patient's session from their own launch. */
  public static final String CO_THERAPIST = "kap-therapist-2";
  public static final String SUPERVISOR = "kap-supervisor-1";
  public static final String SANDBOX_PASSWORD_FIELD = "password";

  private final TestEnvironment environment;
  private final HttpBrowser browser;

  public Launches(TestEnvironment environment, HttpBrowser browser) {
    this.environment = environment;
    this.browser = browser;
  }

  /** Submits the sandbox launcher for {@code patient} and returns the app launch URL it sends the browser to. */
  public URI appLaunchUrl(String clientId, String patient, boolean needPatientBanner)
      throws IOException, InterruptedException {
    return appLaunchUrl(clientId, patient, null, needPatientBanner, THERAPIST);
  }

  /** The same, for one of the patient's encounters ({@code null}: none). */
  public URI appLaunchUrl(String clientId, String patient, String encounter, boolean needPatientBanner)
      throws IOException, InterruptedException {
    return appLaunchUrl(clientId, patient, encounter, needPatientBanner, THERAPIST);
  }

  /** As {@link #appLaunchUrl(String, String, boolean)}, with {@code practitioner} signed in to the EHR. */
  public URI appLaunchUrl(String clientId, String patient, boolean needPatientBanner, String practitioner)
      throws IOException, InterruptedException {
    return appLaunchUrl(clientId, patient, null, needPatientBanner, practitioner);
  }

  private URI appLaunchUrl(String clientId, String patient, String encounter, boolean needPatientBanner,
      String practitioner) throws IOException, InterruptedException {
    HttpBrowser.Page launcher = browser.get(environment.ehrOrigin());
    Map<String, String> form = new java.util.HashMap<>(Map.of("csrf", launcher.inputValue("csrf"),
        "client", clientId, "practitioner", practitioner, "patient", patient, "mode", "window"));
    if (encounter != null) {
      form.put("encounter", encounter);
    }
    if (needPatientBanner) {
      form.put("need_patient_banner", "true");
    }
    HttpBrowser.Page launched = browser.post(environment.ehrOrigin().resolve("launch"), form);
    if (launched.status() != 303) {
      throw new AssertionError("launcher answered " + launched.status() + ": " + launched.body());
    }
    return launched.location().orElseThrow();
  }

  /** An EHR launch from the sandbox launcher through to the app's first page; returns every page on the way. */
  public List<HttpBrowser.Page> ehrLaunch(String clientId, String patient) throws IOException, InterruptedException {
    return browser.follow(browser.get(appLaunchUrl(clientId, patient, true)));
  }

  /** The session page the launch ended on. */
  public HttpBrowser.Page ehrLaunchedPage(String clientId, String patient) throws IOException, InterruptedException {
    return browser.last(ehrLaunch(clientId, patient));
  }

  /**
   * A supervisor's standalone sign-in to the review queue, from the app's start-page link through the sandbox's
   * practitioner sign-in (no patient picker), to the page the app opens; returns that page.
   */
  public HttpBrowser.Page reviewSignIn(String clientId, String practitioner) throws IOException, InterruptedException {
    HttpBrowser.Page login = browser.last(browser.follow(browser.get(environment.appUrl(clientId,
        "launch?mode=review&iss=" + environment.ehr().fhirBase()))));
    HttpBrowser.Page signedIn = browser.post(login.url().resolve("/auth/login"), Map.of(
        "csrf", login.inputValue("csrf"), "request", login.inputValue("request"),
        "practitioner", practitioner, "password", "sandbox"));
    return browser.last(browser.follow(signedIn));
  }

  /** Follows an EHR launch up to, but not into, the app's callback; returns the callback URL with code and state. */
  public URI callbackUrl(String clientId, String patient) throws IOException, InterruptedException {
    return callbackUrl(clientId, patient, null);
  }

  /** The same, for one of the patient's encounters ({@code null}: none). */
  public URI callbackUrl(String clientId, String patient, String encounter) throws IOException, InterruptedException {
    HttpBrowser.Page page = browser.get(appLaunchUrl(clientId, patient, encounter, true));
    while (page.status() / 100 == 3) {
      URI next = page.location().orElseThrow();
      if (next.getPath().equals("/callback")) {
        return next;
      }
      page = browser.get(next);
    }
    throw new AssertionError("the launch never reached the callback: " + page.status() + " " + page.url());
  }
}
