package org.kapcompanion.writeback;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kapcompanion.store.Hashes;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.web.BrowserCookie;

/**
 * A launched session driven the way {@code entries.js} drives it: JSON saves with the CSRF header and the browser
 * cookie, status polls, and the notes page.
 */
public final class SessionClient {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final HttpBrowser browser;
  private final URI base;
  private final String csrf;

  private SessionClient(HttpBrowser browser, URI base, String csrf) {
    this.browser = browser;
    this.base = base;
    this.csrf = csrf;
  }

  /** Launches {@code clientId} from the sandbox launcher for a patient and one of their encounters. */
  public static SessionClient launch(TestEnvironment environment, String clientId, String patient, String encounter)
      throws IOException, InterruptedException {
    return launch(environment, clientId, patient, encounter, Launches.THERAPIST);
  }

  /** The same, with {@code practitioner} signed in to the EHR. */
  public static SessionClient launch(TestEnvironment environment, String clientId, String patient, String encounter,
      String practitioner) throws IOException, InterruptedException {
    HttpBrowser browser = new HttpBrowser();
    HttpBrowser.Page launcher = browser.get(environment.ehrOrigin());
    Map<String, String> form = new HashMap<>(Map.of("csrf", launcher.inputValue("csrf"), "client", clientId,
        "practitioner", practitioner, "patient", patient, "mode", "window"));
    if (encounter != null) {
      form.put("encounter", encounter);
    }
    HttpBrowser.Page launched = browser.post(environment.ehrOrigin().resolve("launch"), form);
    HttpBrowser.Page summary = browser.last(browser.follow(browser.get(launched.location().orElseThrow())));
    if (summary.status() != 200) {
      throw new AssertionError("launch ended with " + summary.status());
    }
    URI base = summary.url().resolve(summary.url().getPath());
    HttpBrowser.Page notes = browser.get(base.resolve("notes"));
    Matcher csrf = Pattern.compile("data-csrf=\"([^\"]+)\"").matcher(notes.body());
    if (notes.status() != 200 || !csrf.find()) {
      throw new AssertionError("notes page answered " + notes.status());
    }
    return new SessionClient(browser, base, csrf.group(1));
  }

  /** The session's CSRF token, for form posts. */
  public String csrf() {
    return csrf;
  }

  public URI base() {
    return base;
  }

  public String handle() {
    String path = base.getPath();
    return path.substring(3, path.length() - 1);
  }

  String sessionHash() {
    return Hashes.sha256(handle());
  }

  public HttpBrowser browser() {
    return browser;
  }

  public Response saveNote(String id, String text, String... tags) throws IOException, InterruptedException {
    JsonObject body = new JsonObject();
    body.addProperty("id", id);
    body.addProperty("kind", "note");
    body.addProperty("effective", java.time.Instant.now().toString());
    body.addProperty("text", text);
    com.google.gson.JsonArray tagList = new com.google.gson.JsonArray();
    for (String tag : tags) {
      tagList.add(tag);
    }
    body.add("tags", tagList);
    return send(request("session/entries").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  public Response post(String path, String body) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response status() throws IOException, InterruptedException {
    return send(request("entries/status").GET());
  }

  private HttpRequest.Builder request(String path) {
    String cookie = browser.cookie(base, BrowserCookie.NAME).orElseThrow();
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90))
        .header("Cookie", BrowserCookie.NAME + "=" + cookie).header("X-CSRF-Token", csrf);
  }

  private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }

  /** A JSON answer of the app. */
  public record Response(int status, String body) {
    public JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }
  }
}
