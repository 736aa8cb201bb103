package org.kapcompanion.writeback;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kapcompanion.monitoring.SessionNote;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;

/**
 * A micro-measurement of what the delivery loop pays for one claim while deliveries lag: S sessions with N notes each
 * waiting in an H2 file store, claimed one at a time as a freed worker asks (a zero lease, so every claim finds the
 * same heads). Prints the CPU time per claim (p50, p95). Not a test; run its {@code main} with the test class path, e.g.
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.kapcompanion.writeback.ClaimBench
 * 1000 3 300}.
 */
public final class ClaimBench {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ClaimBench() {}

  public static void main(String[] args) throws Exception {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int perSession = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int claims = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    try (Database database = TestStores.inTemporaryFile("kap-claim-bench")) {
      Outbox outbox = new Outbox(database.dataSource(), new SecretBox(TestStores.KEY), SharedValidator.FHIR,
          Clock.systemUTC());
      fill(outbox, sessions, perSession);
      double[] cpu = new double[claims];
      for (int i = -claims; i < claims; i++) {
        long before = THREADS.getCurrentThreadCpuTime();
        if (outbox.claim("bench", Duration.ZERO, 1).size() != 1) {
          throw new IllegalStateException("no entry was due");
        }
        if (i >= 0) {
          cpu[i] = (THREADS.getCurrentThreadCpuTime() - before) / 1e6;
        }
      }
      Arrays.sort(cpu);
      System.out.printf("%d entries waiting in %d sessions, %d claims after as many to warm up, load average %.2f: "
          + "cpu per claim p50 %.2f ms, p95 %.2f ms%n", sessions * perSession, sessions, claims,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), cpu[claims / 2],
          cpu[(int) Math.ceil(0.95 * claims) - 1]);
    }
  }

  private static void fill(Outbox outbox, int sessions, int perSession) {
    EntryContext context = new EntryContext("kap-pt-05", Optional.of("kap-pt-05-dose-02"),
        Optional.of("Practitioner/therapist-1"));
    for (int s = 0; s < sessions; s++) {
      Outbox.Destination destination = new Outbox.Destination("bench", "session-" + s, "owner-" + s, "patient");
      for (int n = 0; n < perSession; n++) {
        SessionNote note = new SessionNote(UUID.randomUUID().toString(), Instant.now(), "Waiting note " + n,
            List.of("breathwork"));
        if (outbox.enqueue(destination, EntryResources.of(TestNotes.entry(note, context), context, Instant.now()),
            "session-note") != Outbox.Stored.NEW) {
          throw new IllegalStateException("the entry was not stored");
        }
      }
    }
  }
}
