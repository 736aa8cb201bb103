package org.kapcompanion.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kapcompanion.writeback.SessionClient;

/** A launched session driven over HTTP as the dosing pages drive it: form saves, entries, pages, the outbox. */
public final class DosingClient {

  private final SessionClient session;

  public DosingClient(SessionClient session) {
    this.session = session;
  }

  /** Launches {@code patient} on the public test client, without an encounter, as {@code practitioner}. */
  public static DosingClient launch(TestEnvironment environment, String patient, String practitioner)
      throws IOException, InterruptedException {
    return new DosingClient(SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, patient, null,
        practitioner));
  }

  /**
   * A new patient, {@code prefix} and a random suffix, whose pre-dose checklist of today, saved by the therapist and in
   * the EHR, lets a session start.
   */
  public static String patientReadyToStart(TestEnvironment environment, String prefix, String name) throws Exception {
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    String patient = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    SandboxSessions.of(environment).patient(patient, name);
    DosingClient therapist = launch(environment, patient, Launches.THERAPIST);
    therapist.awaitReady();
    therapist.saveForm("predose/save", predose(true), "completed");
    therapist.awaitAllSaved();
    return patient;
  }

  public SessionClient session() {
    return session;
  }

  /** Saves a form page's answers as the page does and returns the entry id; the answer says how it was saved. */
  public String saveForm(String path, Map<String, String> answers, String status) throws IOException, InterruptedException {
    String id = UUID.randomUUID().toString();
    Map<String, String> form = new HashMap<>(answers);
    form.putAll(Map.of("csrf", session.csrf(), "entry", id));
    HttpBrowser.Page saved = session.browser().post(session.base().resolve(path), form);
    assertThat(saved.status()).as(path + ": " + saved.body()).isEqualTo(200);
    assertThat(saved.body()).contains("\"status\":\"" + status + "\"");
    return id;
  }

  /** A pre-dose checklist with normal vitals and all screens negative, without an escort unless {@code escort}. */
  public static Map<String, String> predose(boolean escort) {
    Map<String, String> fields = new HashMap<>();
    for (String no : List.of("ci-vascular", "ci-intracerebral-haemorrhage", "ci-pregnancy", "ci-psychosis-mania",
        "ci-substance-use", "ci-hypertension", "ci-hypersensitivity", "consent-touch", "cssrs-positive",
        "misuse-craving", "misuse-outside-use", "misuse-more-requested", "ci-medical", "precaution-airway")) {
      fields.put(no, "false");
    }
    for (String yes : List.of("interactions-reviewed", "fasting", "no-substances", "consent-treatment")) {
      fields.put(yes, "true");
    }
    fields.putAll(Map.of("phq9-total", "12", "baseline-systolic", "128", "baseline-diastolic", "82",
        "baseline-heart-rate", "76", "escort", String.valueOf(escort), "baseline-taken-at", LocalDateTime.now()
            .truncatedTo(ChronoUnit.MINUTES).minusMinutes(10).toString()));
    if (escort) {
      fields.put("escort-name", "Sam Doe (partner) 555-0101");
    }
    return fields;
  }

  /** Posts {@code session/start} as the page's button does. */
  public HttpBrowser.Page start() throws IOException, InterruptedException {
    return session.browser().post(session.base().resolve("session/start"), Map.of("csrf", session.csrf()));
  }

  /** Saves an entry as {@code entries.js} does and returns the app's answer. */
  SessionClient.Response record(String kind, Instant at, Map<String, Object> values)
      throws IOException, InterruptedException {
    JsonObject body = new JsonObject();
    body.addProperty("id", UUID.randomUUID().toString());
    body.addProperty("kind", kind);
    body.addProperty("effective", at.toString());
    values.forEach((name, value) -> {
      if (value instanceof List<?> list) {
        com.google.gson.JsonArray array = new com.google.gson.JsonArray();
        list.forEach(item -> array.add(item.toString()));
        body.add(name, array);
      } else {
        body.addProperty(name, value.toString());
      }
    });
    return session.post("session/entries", body.toString());
  }

  /** Saves an entry that must be accepted, adding its id to {@code ids}. */
  public void save(List<String> ids, String kind, Instant at, Map<String, Object> values)
      throws IOException, InterruptedException {
    SessionClient.Response answer = record(kind, at, values);
    assertThat(answer.status()).as(kind + ": " + answer.body()).isEqualTo(200);
    ids.add(answer.json().get("id").getAsString());
  }

  public String page(String path) throws IOException, InterruptedException {
    HttpBrowser.Page page = session.browser().get(session.base().resolve(path));
    assertThat(page.status()).as(path).isEqualTo(200);
    return page.body();
  }

  public HttpBrowser.Page post(String path, Map<String, String> form) throws IOException, InterruptedException {
    return session.browser().post(session.base().resolve(path), form);
  }

  public static String value(String html, String name) {
    Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
    assertThat(matcher.find()).as(name).isTrue();
    return matcher.group(1);
  }

  /** Waits until the app answers {@code /ready} (its validator warm), so the first save is not timed against it. */
  public void awaitReady() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (Instant.now().isBefore(deadline)) {
      if (session.browser().get(session.base().resolve("/ready")).status() == 200) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the app did not become ready");
  }

  /** Waits until the outbox has delivered every entry of the session. */
  public void awaitAllSaved() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      JsonObject status = session.status().json();
      if (status.get("pending").getAsInt() == 0 && status.get("failed").getAsInt() == 0) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("entries still pending: " + session.status().body());
  }
}
