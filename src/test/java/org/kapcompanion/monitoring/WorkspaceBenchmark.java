package org.kapcompanion.monitoring;

import org.kapcompanion.testing.SandboxRecord;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.web.BrowserCookie;
import org.kapcompanion.writeback.SessionClient;

/**
 * Measures the dosing workspace against the sandbox: the session page's weight (HTML, CSS, JS), the time to render
 * it (wall time at the client over loopback, EHR reads included), and from saving a reading until the EHR has it.
 * Run with {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.kapcompanion.monitoring.WorkspaceBenchmark}.
 */
public final class WorkspaceBenchmark {

  private static final String PATIENT = "kap-pt-03";

  private WorkspaceBenchmark() {}

  public static void main(String[] args) throws Exception {
    TestEnvironment environment = TestEnvironment.get();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    SessionClient session = SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, PATIENT, null);
    SandboxRecord.forSession(environment, session.handle(),
        session.browser().cookie(session.base(), BrowserCookie.NAME).orElseThrow()).completePredose(PATIENT);
    session.browser().post(session.base().resolve("session/start"), Map.of("csrf", session.csrf()));
    save(session, "dose", "\"drug\": \"6130\", \"mg\": \"50\", \"route\": \"78421000\", \"lot\": \"B1\"");
    for (int i = 0; i < 10; i++) {
      save(session, "hr", "\"value\": \"" + (70 + i) + "\"");
      save(session, "bp", "\"value\": \"130\", \"second\": \"80\"");
    }
    awaitSaved(session, null);

    List<Double> renders = new ArrayList<>();
    String html = "";
    for (int i = 0; i < 40; i++) {
      long before = System.nanoTime();
      html = session.browser().get(session.base().resolve("session")).body();
      if (i >= 10) {
        renders.add((System.nanoTime() - before) / 1e6);
      }
    }
    long weight = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    long scripts = 0;
    for (String asset : List.of("/assets/app.css", "/assets/entries.js", "/assets/monitoring.js",
        "/webjars/chart.js/4.5.1/dist/chart.umd.min.js")) {
      long bytes = session.browser().get(environment.appUrl(TestEnvironment.PUBLIC_CLIENT, asset)).body()
          .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      System.out.printf("  %s: %d bytes%n", asset, bytes);
      scripts += bytes;
    }
    System.out.printf("session page: HTML %d bytes, with CSS and JS %d bytes (uncompressed)%n", weight,
        weight + scripts);
    System.out.printf("session page render (client wall time, EHR reads included): median %.1f ms over %d%n",
        median(renders), renders.size());

    List<Double> saves = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long before = System.nanoTime();
      String id = save(session, "hr", "\"value\": \"" + (60 + i % 30) + "\"");
      awaitSaved(session, id);
      saves.add((System.nanoTime() - before) / 1e6);
    }
    System.out.printf("save to saved in the EHR (status polled every 10 ms): median %.1f ms over %d%n",
        median(saves), saves.size());
    System.exit(0);
  }

  private static String save(SessionClient session, String kind, String fields) throws Exception {
    String id = UUID.randomUUID().toString();
    SessionClient.Response answer = session.post("session/entries", "{\"id\": \"" + id + "\", \"kind\": \"" + kind
        + "\", \"effective\": \"" + Instant.now() + "\", " + fields + "}");
    if (answer.status() != 200) {
      throw new AssertionError(kind + " answered " + answer.status() + " " + answer.body());
    }
    return id;
  }

  private static void awaitSaved(SessionClient session, String id) throws Exception {
    while (true) {
      JsonObject status = session.status().json();
      boolean done = id == null ? status.get("pending").getAsInt() == 0 : false;
      if (id != null) {
        for (JsonElement entry : status.getAsJsonArray("entries")) {
          JsonObject item = entry.getAsJsonObject();
          if (item.get("id").getAsString().equals(id) && "saved".equals(item.get("state").getAsString())) {
            done = true;
          }
        }
      }
      if (done) {
        return;
      }
      Thread.sleep(10);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
