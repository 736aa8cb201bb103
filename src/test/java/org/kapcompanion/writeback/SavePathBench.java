package org.kapcompanion.writeback;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
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
 * A micro-measurement of the save path without HTTP, the session or the EHR: map a session note with its Provenance,
 * validate it, and commit it to an outbox in an H2 file store with durable commits, as a save does before it is
 * acknowledged. Prints p50 and p95 of each stage, wall and CPU time, and the mean CPU time (which shows work done once in many saves). Not a test; run its {@code main} with the test
 * class path, e.g. {@code java -cp target/classes:target/test-classes:$(cat cp.txt)
 * org.kapcompanion.writeback.SavePathBench 1000}.
 */
public final class SavePathBench {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String[] STAGES = {"map", "validate", "seal and commit", "total"};

  private SavePathBench() {}

  public static void main(String[] args) throws Exception {
    int saves = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    try (Database database = TestStores.inTemporaryFile("kap-save-bench")) {
      Outbox outbox = new Outbox(database.dataSource(), new SecretBox(TestStores.KEY), SharedValidator.FHIR,
          Clock.systemUTC());
      Outbox.Destination destination = new Outbox.Destination("bench", "session", "owner", "patient");
      EntryContext context = new EntryContext("kap-pt-05", Optional.of("kap-pt-05-dose-02"),
          Optional.of("Practitioner/therapist-1"));
      int warmUp = Math.max(200, saves / 5);
      double[][] wall = new double[STAGES.length][saves];
      double[][] cpu = new double[STAGES.length][saves];
      for (int i = -warmUp; i < saves; i++) {
        save(i, outbox, destination, context, i < 0 ? null : new double[][] {wall[0], wall[1], wall[2], wall[3]},
            i < 0 ? null : new double[][] {cpu[0], cpu[1], cpu[2], cpu[3]});
      }
      System.out.printf("%d saves after %d to warm up; load average %.2f%n", saves, warmUp,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      for (int stage = 0; stage < STAGES.length; stage++) {
        System.out.printf("%-16s wall p50 %6.2f ms p95 %6.2f ms | cpu p50 %6.2f ms p95 %6.2f ms mean %6.2f ms%n",
            STAGES[stage], percentile(wall[stage], 50), percentile(wall[stage], 95), percentile(cpu[stage], 50),
            percentile(cpu[stage], 95), Arrays.stream(cpu[stage]).average().orElse(0));
      }
    }
  }

  private static void save(int i, Outbox outbox, Outbox.Destination destination, EntryContext context,
      double[][] wall, double[][] cpu) {
    long[] wallAt = new long[4];
    long[] cpuAt = new long[4];
    mark(wallAt, cpuAt, 0);
    SessionNote note = new SessionNote(UUID.randomUUID().toString(), Instant.now(), "Benchmark note " + i,
        List.of("breathwork"));
    Entry entry = TestNotes.entry(note, context);
    EntryResources resources = EntryResources.of(entry, context, Instant.now());
    mark(wallAt, cpuAt, 1);
    if (!(SharedValidator.VALIDATOR.validate(resources.target()) instanceof ValidationResult.Valid)) {
      throw new IllegalStateException("the note is not valid");
    }
    mark(wallAt, cpuAt, 2);
    if (outbox.enqueue(destination, resources, entry.kind()) != Outbox.Stored.NEW) {
      throw new IllegalStateException("the note was not stored");
    }
    mark(wallAt, cpuAt, 3);
    if (wall != null) {
      for (int stage = 0; stage < 3; stage++) {
        wall[stage][i] = (wallAt[stage + 1] - wallAt[stage]) / 1e6;
        cpu[stage][i] = (cpuAt[stage + 1] - cpuAt[stage]) / 1e6;
      }
      wall[3][i] = (wallAt[3] - wallAt[0]) / 1e6;
      cpu[3][i] = (cpuAt[3] - cpuAt[0]) / 1e6;
    }
  }

  private static void mark(long[] wallAt, long[] cpuAt, int index) {
    wallAt[index] = System.nanoTime();
    cpuAt[index] = THREADS.getCurrentThreadCpuTime();
  }

  private static double percentile(double[] values, int percentile) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
  }
}
