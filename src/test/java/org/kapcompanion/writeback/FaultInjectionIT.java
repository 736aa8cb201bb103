package org.kapcompanion.writeback;

import org.kapcompanion.monitoring.NoteMapping;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;

/**
 * 1,000 entries from eight concurrent sessions (two per patient) delivered to the sandbox EHR through a proxy that fails requests at
 * random (500 before and after the write, 429 with Retry-After, answers slower than the sender waits, connections
 * dropped mid-answer) and goes away for a while: afterwards the EHR holds every acknowledged entry exactly once.
 */
class FaultInjectionIT {

  private static final int SESSIONS_PER_PATIENT = 2;
  private static final int PER_SESSION = 125;
  private static final Map<String, String> ENCOUNTERS = Map.of("kap-pt-01", "kap-pt-01-dose-02",
      "kap-pt-03", "kap-pt-03-dose-02", "kap-pt-04", "kap-pt-04-dose-01", "kap-pt-05", "kap-pt-05-dose-02");
  @RegisterExtension
  static final LaunchFixture launches = new LaunchFixture();

  @Test
  void everyAcknowledgedEntryArrivesExactlyOnceDespiteFaultsAndAnOutage() throws Exception {
    URI fhirBase = launches.fhirBase();
    String run = UUID.randomUUID().toString();
    Deliveries.Fixed credentials = new Deliveries.Fixed();
    Map<String, AppSession> sessions = new HashMap<>();
    Map<String, SandboxFhir> readers = new HashMap<>();
    try (FaultProxy proxy = new FaultProxy(launches.ehrOrigin(), 20261121L, 0.2, Duration.ofMillis(2_500));
         Database store = TestStores.inMemory()) {
      for (int copy = 0; copy < SESSIONS_PER_PATIENT; copy++) {
        for (Map.Entry<String, String> patient : ENCOUNTERS.entrySet()) {
          SessionClient client = launches.launch(patient.getKey(),
              patient.getValue());
          AppSession session = launches.stored(client);
          sessions.put(client.sessionHash(), session);
          credentials.put(client.sessionHash(), proxy.base(fhirBase.getPath()), session.tokens().accessToken());
          readers.put(patient.getKey(), new SandboxFhir(fhirBase, session.tokens().accessToken()));
        }
      }
      Outbox outbox = new Outbox(store.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR,
          Clock.systemUTC());
      List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
      Instant started = Instant.now();
      try (OutboxSender sender = Deliveries.sender(outbox, credentials, Duration.ofSeconds(2), Duration.ofSeconds(30),
          8)) {
        sender.start();
        ExecutorService producers = Executors.newFixedThreadPool(sessions.size() + 1);
        List<Future<?>> work = new ArrayList<>();
        for (Map.Entry<String, AppSession> session : sessions.entrySet()) {
          work.add(producers.submit(() -> produce(outbox, sender, session.getKey(), session.getValue(), run,
              acknowledged)));
        }
        work.add(producers.submit(() -> {
          awaitWrites(proxy, 500);
          proxy.outage(Duration.ofSeconds(3));
          return null;
        }));
        for (Future<?> future : work) {
          future.get();
        }
        producers.shutdown();
        OutboxReport report = new OutboxReport(store.dataSource());
        awaitEmpty(report, Duration.ofSeconds(150));
        Duration took = Duration.between(started, Instant.now());

        Map<String, Long> observations = new HashMap<>();
        Map<String, Long> provenances = new HashMap<>();
        for (Map.Entry<String, String> patient : ENCOUNTERS.entrySet()) {
          SandboxFhir fhir = readers.get(patient.getKey());
          count(fhir.entryIdsTagged("Observation", patient.getKey(), Deliveries.RUN_SYSTEM, run), observations);
          count(fhir.entryIdsTagged("Provenance", patient.getKey(), Deliveries.RUN_SYSTEM, run), provenances);
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(observations.keySet());
        long duplicates = observations.values().stream().filter(n -> n > 1).count();
        long provenanceDuplicates = provenances.values().stream().filter(n -> n > 1).count();
        System.out.printf("fault suite: acknowledged=%d sent(write attempts)=%d delivered=%d duplicates=%d lost=%d "
                + "provenance=%d provenanceDuplicates=%d failed=%d in %d ms; faults: 500-before=%d 502-after=%d "
                + "429=%d timeout=%d dropped=%d outages=%d%n",
            acknowledged.size(), proxy.writes(), observations.size(), duplicates, lost.size(), provenances.size(),
            provenanceDuplicates, failed(report), took.toMillis(), proxy.count(FaultProxy.Fault.ERROR_BEFORE),
            proxy.count(FaultProxy.Fault.ERROR_AFTER), proxy.count(FaultProxy.Fault.TOO_MANY),
            proxy.count(FaultProxy.Fault.TIMEOUT_AFTER), proxy.count(FaultProxy.Fault.DROP_AFTER), proxy.outages());

        assertThat(acknowledged).hasSize(PER_SESSION * sessions.size());
        assertThat(lost).isEmpty();
        assertThat(duplicates).isZero();
        assertThat(observations).hasSize(acknowledged.size());
        assertThat(provenances).hasSize(acknowledged.size());
        assertThat(provenanceDuplicates).isZero();
        assertThat(proxy.writes()).isGreaterThan(acknowledged.size());
        for (FaultProxy.Fault fault : List.of(FaultProxy.Fault.ERROR_BEFORE, FaultProxy.Fault.ERROR_AFTER,
            FaultProxy.Fault.TOO_MANY, FaultProxy.Fault.TIMEOUT_AFTER, FaultProxy.Fault.DROP_AFTER)) {
          assertThat(proxy.count(fault)).as(fault.name()).isPositive();
        }
        assertThat(proxy.outages()).isEqualTo(1);
      }
    }
  }

  private static Void produce(Outbox outbox, OutboxSender sender, String sessionHash, AppSession session, String run,
      List<String> acknowledged) throws InterruptedException {
    Outbox.Destination destination = new Outbox.Destination("sandbox", sessionHash, sessionHash, "patient");
    String patient = session.context().patientId().orElseThrow();
    for (int i = 0; i < PER_SESSION; i++) {
      EntryResources entry = Deliveries.note(patient, ENCOUNTERS.get(patient), session.fhirUser().orElseThrow(), run,
          i);
      if (outbox.enqueue(destination, entry, NoteMapping.KIND) == Outbox.Stored.NEW) {
        acknowledged.add(entry.entryId());
      }
      sender.nudge();
      if (i % 25 == 0) {
        Thread.sleep(100);
      }
    }
    return null;
  }

  private static void awaitWrites(FaultProxy proxy, long writes) throws InterruptedException {
    while (proxy.writes() < writes) {
      Thread.sleep(50);
    }
  }

  static void awaitEmpty(OutboxReport report, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (report.depth().stream().allMatch(depth -> depth.pending() == 0)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the outbox was not delivered in " + timeout + ": " + report.depth());
  }

  private static int failed(OutboxReport report) {
    return report.depth().stream().mapToInt(OutboxReport.Depth::failed).sum();
  }

  private static void count(List<String> ids, Map<String, Long> counts) {
    ids.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
        .forEach((id, n) -> counts.merge(id, n, Long::sum));
  }
}
