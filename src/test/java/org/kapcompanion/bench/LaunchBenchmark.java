package org.kapcompanion.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.TestEnvironment;

/**
 * Measures a launch the way a clinician experiences it after signing in: from the EHR's redirect to the app's
 * callback until the record summary has arrived (token exchange, id_token check, session, record read, render).
 * Run with {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.kapcompanion.bench.LaunchBenchmark} (the exec plugin is fetched from Maven Central).
 */
public final class LaunchBenchmark {

  private static final int WARM_UP = 5;
  private static final int LAUNCHES = 20;

  private LaunchBenchmark() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    TestEnvironment environment = TestEnvironment.get();
    long sandboxReady = System.nanoTime();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    long appReady = System.nanoTime();
    System.out.printf("sandbox EHR start (new database, seed loaded): %d ms%n", (sandboxReady - start) / 1_000_000);
    System.out.printf("app start (sandbox already running):          %d ms%n", (appReady - sandboxReady) / 1_000_000);

    String[] patients = {"kap-pt-01", "kap-pt-02", "kap-pt-03", "kap-pt-04", "kap-pt-05", "kap-pt-06"};
    List<Double> callbackToSummary = new ArrayList<>();
    for (int i = 0; i < WARM_UP + LAUNCHES; i++) {
      HttpBrowser browser = new HttpBrowser();
      URI callback = new Launches(environment, browser).callbackUrl(TestEnvironment.PUBLIC_CLIENT,
          patients[i % patients.length]);
      long before = System.nanoTime();
      HttpBrowser.Page summary = browser.last(browser.follow(browser.get(callback)));
      long after = System.nanoTime();
      if (summary.status() != 200) {
        throw new IllegalStateException("launch " + i + " ended with " + summary.status());
      }
      if (i >= WARM_UP) {
        callbackToSummary.add((after - before) / 1e6);
      }
    }
    Collections.sort(callbackToSummary);
    System.out.printf("callback -> rendered summary over %d launches: median %.1f ms, p90 %.1f ms, max %.1f ms%n",
        LAUNCHES, percentile(callbackToSummary, 50), percentile(callbackToSummary, 90),
        callbackToSummary.get(callbackToSummary.size() - 1));
    System.exit(0);
  }

  private static double percentile(List<Double> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
