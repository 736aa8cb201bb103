package org.kapcompanion.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.ReviewQueueCatchUp;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.SandboxSessions.Discharge;
import org.kapcompanion.testing.SandboxSessions.Session;
import org.kapcompanion.testing.TestEnvironment;

/**
 * Loads 5,000 dosing sessions (10 therapists, 250 patients, a year of dates, some with alerts, adverse events, gate
 * decisions, unfinished discharges, co-signs) into the sandbox EHR in transaction bundles, lets the review queue catch
 * up once, then times the queue page as a supervisor sees it and counts the FHIR requests each page takes (from the
 * app's own metrics). Run with {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.kapcompanion.bench.ReviewQueueBenchmark} (the exec plugin is fetched from Maven Central).
 */
public final class ReviewQueueBenchmark {

  private static final int SESSIONS = 5_000;
  private static final int PER_BUNDLE = 50;
  private static final int WARM_UP = 5;
  private static final int PAGES = 30;
  private static final Pattern FHIR_REQUESTS =
      Pattern.compile("(?m)^kap_fhir_requests_seconds_count\\{([^}]*)} ([0-9.E]+)$");

  private ReviewQueueBenchmark() {}

  public static void main(String[] args) throws Exception {
    TestEnvironment environment = TestEnvironment.get();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    SandboxSessions sessions = SandboxSessions.of(environment);
    long loadStart = System.nanoTime();
    load(sessions);
    System.out.printf("loaded %d sessions in %d s%n", SESSIONS, (System.nanoTime() - loadStart) / 1_000_000_000);

    HttpBrowser browser = new HttpBrowser();
    long catchUpStart = System.nanoTime();
    HttpBrowser.Page first = new Launches(environment, browser).reviewSignIn(TestEnvironment.PUBLIC_CLIENT,
        Launches.SUPERVISOR);
    URI queue = first.url();
    ReviewQueueCatchUp.await(() -> browser.get(queue).body(), Duration.ofHours(1), Duration.ofSeconds(2));
    System.out.printf("the review queue caught up with %d new sessions in %d s%n", SESSIONS,
        (System.nanoTime() - catchUpStart) / 1_000_000_000);

    measure(environment, browser, queue, "default (awaiting review, page 1)", "");
    measure(environment, browser, queue, "therapist + attention filter", "therapist=bench-therapist-3&attention=any");
    measure(environment, browser, queue, "date range, all statuses, page 40", "from=" + Instant.now()
        .minus(Duration.ofDays(300)).toString().substring(0, 10) + "&status=all&page=40");
    System.exit(0);
  }

  private static void load(SandboxSessions sessions) {
    Random random = new Random(42);
    for (int t = 1; t <= 10; t++) {
      sessions.practitioner("bench-therapist-" + t, "Bench Therapist " + t);
    }
    for (int p = 1; p <= 250; p++) {
      sessions.patient("bench-patient-" + p, "Bench Patient " + p);
    }
    Instant now = Instant.now();
    List<Session> batch = new ArrayList<>();
    for (int i = 1; i <= SESSIONS; i++) {
      Session session = Session.plain("bench-" + i, "bench-patient-" + (1 + random.nextInt(250)),
          "bench-therapist-" + (1 + random.nextInt(10)), now.minus(Duration.ofMinutes(random.nextInt(525_600))));
      int roll = random.nextInt(100);
      if (roll < 8) {
        session = session.withAlert();
      } else if (roll < 12) {
        session = session.withAdverseEvent();
      } else if (roll < 16) {
        session = session.withBpGateDecision();
      } else if (roll < 22) {
        session = session.withDischarge(random.nextBoolean() ? Discharge.MISSING : Discharge.IN_PROGRESS);
      }
      if (random.nextInt(100) < 40) {
        session = session.coSignedBy(Launches.SUPERVISOR);
      }
      batch.add(session);
      if (batch.size() == PER_BUNDLE) {
        sessions.write(batch);
        batch.clear();
        if (i % 500 == 0) {
          System.out.printf("  %d sessions written%n", i);
        }
      }
    }
    if (!batch.isEmpty()) {
      sessions.write(batch);
    }
  }

  private static void measure(TestEnvironment environment, HttpBrowser browser, URI queue, String name, String query)
      throws Exception {
    URI url = queue.resolve("review" + (query.isEmpty() ? "" : "?" + query));
    for (int i = 0; i < WARM_UP; i++) {
      page(browser, url);
    }
    Map<String, Double> before = fhirRequests(environment);
    List<Double> millis = new ArrayList<>();
    String count = "";
    for (int i = 0; i < PAGES; i++) {
      long start = System.nanoTime();
      HttpBrowser.Page page = page(browser, url);
      millis.add((System.nanoTime() - start) / 1e6);
      Matcher total = Pattern.compile("id=\"queue-count\">([^<]*)<").matcher(page.body());
      count = total.find() ? total.group(1) : "?";
    }
    Map<String, Double> after = fhirRequests(environment);
    Collections.sort(millis);
    Map<String, Double> perPage = new TreeMap<>();
    after.forEach((endpoint, value) -> {
      double delta = (value - before.getOrDefault(endpoint, 0.0)) / PAGES;
      if (delta > 0) {
        perPage.put(endpoint, delta);
      }
    });
    System.out.printf("%s [%s]: median %.1f ms, p90 %.1f ms, max %.1f ms over %d pages; "
        + "FHIR requests per page %.1f %s%n",
        name, count, millis.get(millis.size() / 2), millis.get((int) Math.ceil(0.9 * millis.size()) - 1),
        millis.get(millis.size() - 1), PAGES, perPage.values().stream().mapToDouble(Double::doubleValue).sum(),
        perPage);
  }

  private static HttpBrowser.Page page(HttpBrowser browser, URI url) throws Exception {
    HttpBrowser.Page page = browser.get(url);
    if (page.status() != 200) {
      throw new IllegalStateException("the queue answered " + page.status());
    }
    return page;
  }

  /** The app's FHIR request counts by endpoint and method, from its Prometheus metrics. */
  private static Map<String, Double> fhirRequests(TestEnvironment environment) throws Exception {
    HttpResponse<String> metrics = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
            environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "metrics"))
        .header("Authorization", "Bearer " + TestEnvironment.ADMIN_TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
    Map<String, Double> counts = new TreeMap<>();
    Matcher matcher = FHIR_REQUESTS.matcher(metrics.body());
    while (matcher.find()) {
      String labels = matcher.group(1);
      String endpoint = labels.replaceAll(".*endpoint=\"([^\"]*)\".*", "$1") + " "
          + labels.replaceAll(".*method=\"([^\"]*)\".*", "$1");
      counts.merge(endpoint, Double.parseDouble(matcher.group(2)), Double::sum);
    }
    return counts;
  }
}
