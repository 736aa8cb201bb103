package org.kapcompanion.writeback;

import org.kapcompanion.monitoring.NoteMapping;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;

/** Two app nodes with their own connection pools on one PostgreSQL database deliver a shared outbox once. */
class TwoNodesIT {

  private static final String PATIENT = "kap-pt-01";
  private static final String ENCOUNTER = "kap-pt-01-dose-01";
  private static final int SESSIONS = 6;
  private static final int ENTRIES = 300;
  @RegisterExtension
  static final LaunchFixture launches = new LaunchFixture();

  @Test
  void twoNodesSendingOneOutboxWriteEachEntryExactlyOnce() throws Exception {
    SessionClient client = launches.launch(PATIENT, ENCOUNTER);
    AppSession session = launches.stored(client);
    SandboxFhir fhir = launches.fhir(session);
    Deliveries.Fixed credentials = new Deliveries.Fixed();
    for (int i = 0; i < SESSIONS; i++) {
      credentials.put("two-nodes-" + i, launches.fhirBase(), session.tokens().accessToken());
    }
    String run = UUID.randomUUID().toString();
    List<String> acknowledged = new ArrayList<>();
    try (TestPostgres postgres = new TestPostgres();
         Database first = Database.open(postgres.store());
         Database second = Database.open(postgres.store())) {
      Outbox firstOutbox = outbox(first);
      Outbox secondOutbox = outbox(second);
      for (int i = 0; i < ENTRIES; i++) {
        EntryResources entry = Deliveries.note(PATIENT, ENCOUNTER, session.fhirUser().orElseThrow(), run, i);
        String sessionHash = "two-nodes-" + (i % SESSIONS);
        Outbox.Destination destination = new Outbox.Destination("sandbox", sessionHash, sessionHash, "patient");
        if ((i % 2 == 0 ? firstOutbox : secondOutbox).enqueue(destination, entry, NoteMapping.KIND) == Outbox.Stored.NEW) {
          acknowledged.add(entry.entryId());
        }
      }
      try (OutboxSender firstNode = Deliveries.sender(firstOutbox, credentials, Duration.ofSeconds(10),
               Duration.ofSeconds(30), 4);
           OutboxSender secondNode = Deliveries.sender(secondOutbox, credentials, Duration.ofSeconds(10),
               Duration.ofSeconds(30), 4)) {
        firstNode.start();
        secondNode.start();
        FaultInjectionIT.awaitEmpty(new OutboxReport(first.dataSource()), Duration.ofSeconds(120));
        Map<String, Long> arrived = fhir.entryIdsTagged("Observation", PATIENT, Deliveries.RUN_SYSTEM, run).stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        System.out.printf("two nodes: acknowledged=%d node1=%d node2=%d delivered=%d duplicates=%d%n",
            acknowledged.size(), firstNode.written(), secondNode.written(), arrived.size(),
            arrived.values().stream().filter(n -> n > 1).count());

        assertThat(acknowledged).hasSize(ENTRIES);
        assertThat(firstNode.written() + secondNode.written()).isEqualTo(ENTRIES);
        assertThat(firstNode.written()).isPositive();
        assertThat(secondNode.written()).isPositive();
        assertThat(arrived.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(arrived.values()).allMatch(n -> n == 1);
      }
    }
  }

  private static Outbox outbox(Database database) {
    return new Outbox(database.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR, Clock.systemUTC());
  }
}
