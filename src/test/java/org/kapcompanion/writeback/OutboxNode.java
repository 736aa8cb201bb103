package org.kapcompanion.writeback;

import org.kapcompanion.monitoring.NoteMapping;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.kapcompanion.config.StoreConfig;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;

/**
 * A separate app node for the restart test, run as a child JVM: {@code produce} stores entries (printing
 * {@code ACK <id>} once each is committed) while its sender delivers them, until it is killed; {@code drain} delivers
 * what is left and exits. The access token comes from the environment, never the command line.
 */
final class OutboxNode {

  static final String TOKEN_VARIABLE = "KAP_TEST_ACCESS_TOKEN";
  static final int SESSIONS = 3;

  private OutboxNode() {}

  /** Arguments: mode, JDBC URL, FHIR base, patient, encounter, practitioner, run tag, entry count. */
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Deliveries.Fixed credentials = new Deliveries.Fixed();
    for (int i = 0; i < SESSIONS; i++) {
      credentials.put(session(i), URI.create(args[2]), System.getenv(TOKEN_VARIABLE));
    }
    Database database = Database.open(new StoreConfig(args[1], "", "", TestStores.KEY));
    Outbox outbox = new Outbox(database.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR,
        Clock.systemUTC());
    OutboxSender sender = Deliveries.sender(outbox, credentials, Duration.ofSeconds(5), Duration.ofSeconds(3), 4);
    sender.start();
    if (mode.equals("produce")) {
      for (int i = 0; i < Integer.parseInt(args[7]); i++) {
        EntryResources entry = Deliveries.note(args[3], args[4], args[5], args[6], i);
        String session = session(i % SESSIONS);
        outbox.enqueue(new Outbox.Destination("sandbox", session, session, "patient"), entry, NoteMapping.KIND);
        sender.nudge();
        System.out.println("ACK " + entry.entryId());
        System.out.flush();
        if (i % 20 == 19) {
          Thread.sleep(200);
        }
      }
      Thread.sleep(Long.MAX_VALUE);
    }
    OutboxReport report = new OutboxReport(database.dataSource());
    while (report.depth().stream().anyMatch(depth -> depth.pending() > 0)) {
      Thread.sleep(100);
    }
    System.out.println("DRAINED " + sender.written());
    System.out.flush();
    sender.close();
    database.close();
  }

  private static String session(int number) {
    return "restart-test-session-" + number;
  }
}
