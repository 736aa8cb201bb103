package org.kapcompanion.writeback;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.kapcompanion.monitoring.SessionNote;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;

/**
 * A micro-measurement of what a page of a running session pays to read the session's unsent entries from an H2 file
 * store: a session Encounter, a pre-dose checklist and N notes waiting, read as each reader asks for them. Prints the
 * CPU time per read (p50, p95). Not a test; run its {@code main} with the test class path, e.g. {@code java -cp
 * target/classes:target/test-classes:$(cat target/cp.txt) org.kapcompanion.writeback.UnsentReadBench 200 300}.
 */
public final class UnsentReadBench {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** A reader of the pages and the kinds of resource it uses. */
  private record Reader(String name, Set<ResourceType> types) {}

  private static final List<Reader> READERS = List.of(
      new Reader("every kind", EnumSet.allOf(ResourceType.class)),
      new Reader("note save: running session", Set.of(ResourceType.Encounter)),
      new Reader("forms pages", Set.of(ResourceType.QuestionnaireResponse)),
      new Reader("plan page", Set.of(ResourceType.QuestionnaireResponse, ResourceType.Encounter,
          ResourceType.CarePlan, ResourceType.Goal)),
      new Reader("dosing pages", Set.of(ResourceType.Encounter, ResourceType.Observation,
          ResourceType.MedicationAdministration, ResourceType.Flag, ResourceType.QuestionnaireResponse)));

  private UnsentReadBench() {}

  public static void main(String[] args) throws Exception {
    int waiting = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int reads = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    try (Database database = TestStores.inTemporaryFile("kap-unsent-bench")) {
      Outbox outbox = new Outbox(database.dataSource(), new SecretBox(TestStores.KEY), SharedValidator.FHIR,
          Clock.systemUTC());
      SessionEntries entries = new SessionEntries(database.dataSource(), new SecretBox(TestStores.KEY),
          SharedValidator.FHIR);
      fill(outbox, waiting);
      Function<Set<ResourceType>, List<Resource>> unsent = types -> entries.unsent("owner", types);
      System.out.printf("%d entries waiting, %d reads each after as many to warm up; load average %.2f%n",
          waiting + 2, reads, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      for (Reader reader : READERS) {
        double[] cpu = measure(() -> unsent.apply(reader.types()), reads);
        System.out.printf("%-28s %4d resources | cpu p50 %7.2f ms p95 %7.2f ms%n", reader.name(),
            unsent.apply(reader.types()).size(), percentile(cpu, 50), percentile(cpu, 95));
      }
    }
  }

  private static void fill(Outbox outbox, int notes) {
    Outbox.Destination destination = new Outbox.Destination("bench", "session", "owner", "patient");
    EntryContext context = new EntryContext("kap-pt-05", Optional.of("kap-pt-05-dose-02"),
        Optional.of("Practitioner/therapist-1"));
    Instant now = Instant.now();
    store(outbox, destination, context, Entry.create(UUID.randomUUID().toString(), "dosing-session",
        new Encounter().setStatus(Encounter.EncounterStatus.INPROGRESS).setSubject(new Reference("Patient/kap-pt-05"))));
    store(outbox, destination, context, Entry.create(UUID.randomUUID().toString(), "predose-checklist",
        new QuestionnaireResponse().setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED)
            .setSubject(new Reference("Patient/kap-pt-05"))));
    for (int i = 0; i < notes; i++) {
      SessionNote note = new SessionNote(UUID.randomUUID().toString(), now, "Waiting note " + i,
          List.of("breathwork"));
      store(outbox, destination, context, TestNotes.entry(note, context));
    }
  }

  private static void store(Outbox outbox, Outbox.Destination destination, EntryContext context, Entry entry) {
    if (outbox.enqueue(destination, EntryResources.of(entry, context, Instant.now()), entry.kind())
        != Outbox.Stored.NEW) {
      throw new IllegalStateException("the entry was not stored");
    }
  }

  private static double[] measure(Runnable read, int reads) {
    for (int i = 0; i < reads; i++) {
      read.run();
    }
    double[] cpu = new double[reads];
    for (int i = 0; i < reads; i++) {
      long before = THREADS.getCurrentThreadCpuTime();
      read.run();
      cpu[i] = (THREADS.getCurrentThreadCpuTime() - before) / 1e6;
    }
    return cpu;
  }

  private static double percentile(double[] values, int percentile) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
  }
}
