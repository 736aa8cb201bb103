package org.kapcompanion.writeback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.kapcompanion.testing.TestEnvironment;

/**
 * Measures a save as the page experiences it — from the POST of a note until the app acknowledged it (mapping,
 * validation of the Observation and its Provenance, encrypted commit to the outbox) — and the outbox's delivery
 * throughput to the sandbox EHR. Run with {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.kapcompanion.writeback.SaveBenchmark}.
 */
public final class SaveBenchmark {

  private static final int WARM_UP = 20;
  private static final int SAVES = 200;

  private SaveBenchmark() {}

  public static void main(String[] args) throws Exception {
    TestEnvironment environment = TestEnvironment.get();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    SessionClient warmUp = SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, "kap-pt-05",
        "kap-pt-05-dose-02");
    Thread.sleep(15_000);
    for (int i = 0; i < WARM_UP; i++) {
      warmUp.saveNote(UUID.randomUUID().toString(), "Warm-up note " + i, "breathwork");
    }
    List<SessionClient> sessions = new ArrayList<>();
    for (String[] patient : new String[][] {{"kap-pt-01", "kap-pt-01-dose-02"}, {"kap-pt-02", "kap-pt-02-dose-02"},
        {"kap-pt-03", "kap-pt-03-dose-02"}, {"kap-pt-04", "kap-pt-04-dose-01"}}) {
      sessions.add(SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, patient[0], patient[1]));
    }
    while (pending(List.of(warmUp)) > 0) {
      Thread.sleep(100);
    }
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    Instant started = Instant.now();
    List<Thread> therapists = new ArrayList<>();
    for (SessionClient session : sessions) {
      Thread therapist = new Thread(() -> save(session, SAVES / sessions.size(), latencies));
      therapist.start();
      therapists.add(therapist);
    }
    for (Thread therapist : therapists) {
      therapist.join();
    }
    Instant saved = Instant.now();
    int left = pending(sessions);
    while (pending(sessions) > 0) {
      Thread.sleep(50);
    }
    Instant delivered = Instant.now();
    Collections.sort(latencies);
    System.out.printf("save acknowledged: median %.1f ms, p99 %.1f ms (%d saves from 4 concurrent sessions)%n",
        latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1),
        latencies.size());
    Duration total = Duration.between(started, delivered);
    Duration drain = Duration.between(saved, delivered);
    System.out.printf("delivered to the sandbox EHR: %d entries %d ms after the first save (%.1f entries/s); "
        + "the %d still pending when the saves ended drained at %.1f entries/s%n", latencies.size(), total.toMillis(),
        latencies.size() * 1000.0 / total.toMillis(), left, left * 1000.0 / Math.max(1, drain.toMillis()));
    System.exit(0);
  }

  private static void save(SessionClient session, int count, List<Double> latencies) {
    try {
      for (int i = 0; i < count; i++) {
        long before = System.nanoTime();
        SessionClient.Response answer = session.saveNote(UUID.randomUUID().toString(), "Benchmark note " + i,
            "insight");
        latencies.add((System.nanoTime() - before) / 1e6);
        if (answer.status() != 200) {
          throw new AssertionError("save answered " + answer.status());
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int pending(List<SessionClient> sessions) throws Exception {
    int pending = 0;
    for (SessionClient session : sessions) {
      pending += session.status().json().get("pending").getAsInt();
    }
    return pending;
  }
}
