package org.kapcompanion.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.web.BrowserCookie;

/**
 * One therapist's session as the benchmark drives it: launched from the sandbox EHR's launcher over HTTP, then
 * requests the way the notes page ({@code entries.js}) sends them — with the browser cookie and the CSRF token.
 */
final class TherapistSession {

  static final Duration TIMEOUT = Duration.ofSeconds(15);
  static final String REQUEST_ID = "X-Request-Id";

  private static final Pattern CSRF = Pattern.compile("data-csrf=\"([^\"]+)\"");

  private final URI base;
  private final String cookie;
  private final String csrf;

  private TherapistSession(URI base, String cookie, String csrf) {
    this.base = base;
    this.cookie = cookie;
    this.csrf = csrf;
  }

  /**
   * A launch: the session, the time from the EHR's redirect to the app's callback until the record summary arrived,
   * and the request ids of the callback and the summary (to find them in the access log).
   */
  record Launch(TherapistSession session, double millis, String callbackRequestId, String summaryRequestId) {}

  /** Launches the app for the patient (and encounter) as therapist 1 through the sandbox launcher. */
  static Launch launch(TestEnvironment environment, HttpClient http, String patient, String encounter)
      throws IOException, InterruptedException {
    HttpBrowser browser = new HttpBrowser(http);
    URI callback = new Launches(environment, browser).callbackUrl(TestEnvironment.PUBLIC_CLIENT, patient, encounter);
    long started = System.nanoTime();
    List<HttpBrowser.Page> pages = browser.follow(browser.get(callback));
    double millis = (System.nanoTime() - started) / 1e6;
    HttpBrowser.Page summary = browser.last(pages);
    if (summary.status() != 200 || pages.size() != 2) {
      throw new IllegalStateException("the launch ended with " + summary.status() + " at " + summary.url().getPath());
    }
    return new Launch(onNotesPage(browser, summary.url()), millis, requestId(pages.get(0)),
        requestId(summary));
  }

  /**
   * Launches the same way but goes from the callback to the notes page without opening the record summary first:
   * cheaper, to start many sessions.
   */
  static TherapistSession start(TestEnvironment environment, HttpClient http, String patient, String encounter)
      throws IOException, InterruptedException {
    HttpBrowser browser = new HttpBrowser(http);
    URI callback = new Launches(environment, browser).callbackUrl(TestEnvironment.PUBLIC_CLIENT, patient, encounter);
    HttpBrowser.Page started = browser.get(callback);
    if (started.status() != 303) {
      throw new IllegalStateException("the callback answered " + started.status());
    }
    return onNotesPage(browser, started.location().orElseThrow());
  }

  /** Opens the notes page of the session at {@code sessionUrl} for its CSRF token, as the page's script reads it. */
  private static TherapistSession onNotesPage(HttpBrowser browser, URI sessionUrl)
      throws IOException, InterruptedException {
    URI base = sessionUrl.resolve(sessionUrl.getPath());
    HttpBrowser.Page notes = browser.get(base.resolve("notes"));
    Matcher csrf = CSRF.matcher(notes.body());
    if (notes.status() != 200 || !csrf.find()) {
      throw new IllegalStateException("the notes page answered " + notes.status());
    }
    String cookie = BrowserCookie.NAME + "=" + browser.cookie(base, BrowserCookie.NAME).orElseThrow();
    return new TherapistSession(base, cookie, csrf.group(1));
  }

  /** Saves a session note (a new entry with this id) as the notes page does. */
  HttpRequest save(String entryId, String text) {
    JsonObject note = new JsonObject();
    note.addProperty("id", entryId);
    note.addProperty("kind", "note");
    note.addProperty("effective", Instant.now().toString());
    note.addProperty("text", text);
    JsonArray tags = new JsonArray();
    tags.add("breathwork");
    note.add("tags", tags);
    return request("session/entries").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(note.toString())).build();
  }

  /** The sync state of the session's entries, which the notes page polls. */
  HttpRequest status() {
    return request("entries/status").GET().build();
  }

  /** A session page: {@code ""} the record summary, {@code "notes"} the notes page. */
  HttpRequest page(String path) {
    return request(path).GET().build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
        .header("Cookie", cookie).header("X-CSRF-Token", csrf);
  }

  static String requestId(HttpBrowser.Page page) {
    return page.header(REQUEST_ID).orElse("");
  }

  static String requestId(HttpResponse<?> response) {
    return response.headers().firstValue(REQUEST_ID).orElse("");
  }
}
