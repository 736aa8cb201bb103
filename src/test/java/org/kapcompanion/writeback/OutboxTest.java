package org.kapcompanion.writeback;

import org.kapcompanion.monitoring.SessionNote;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;

/** The outbox store: idempotent enqueue, ordered claims per session, leases, failure, adoption and depth. */
class OutboxTest {

  static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
  private final Database database = TestStores.inMemory();
  private final Outbox outbox = new Outbox(database.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR,
      Clock.fixed(NOW, ZoneOffset.UTC));
  private final SessionEntries entries = new SessionEntries(database.dataSource(), new SecretBox(TestStores.KEY),
      SandboxFhir.FHIR);
  private final FailedEntries failedEntries = new FailedEntries(database.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
  private final OutboxReport report = new OutboxReport(database.dataSource());

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void sameEntryIsStoredOnceEvenWhenSentAgainOrAfterDelivery() {
    EntryResources entry = entry("A note");
    assertThat(outbox.enqueue(destination("s1"), entry, "session-note")).isEqualTo(Outbox.Stored.NEW);
    assertThat(outbox.enqueue(destination("s1"), entry, "session-note")).isEqualTo(Outbox.Stored.DUPLICATE);

    outbox.delivered(outbox.claim("node", Duration.ofSeconds(30), 10).get(0), "Observation/1", Optional.empty());

    assertThat(outbox.enqueue(destination("s1"), entry, "session-note")).isEqualTo(Outbox.Stored.DUPLICATE);
    assertThat(entries.statuses(hash("s1"))).extracting(SessionEntries.EntryStatus::state).containsExactly("saved");
  }

  @Test
  void anEntryStoredAgainWhileItsFirstCopyWasDeliveredIsDeliveredOnceWithTheFirstReceipt() throws Exception {
    EntryResources alert = entry("BP 184/112");
    outbox.enqueue(destination("s1"), alert, "alert");
    Outbox.Claimed second = outbox.claim("node", Duration.ofSeconds(30), 10).get(0);
    try (Connection connection = database.dataSource().getConnection();
         Statement insert = connection.createStatement()) {
      insert.executeUpdate("insert into outbox_receipt (entry_id, session_hash, reference, delivered_at) values ('"
          + alert.entryId() + "', '" + hash("s1") + "', 'Flag/1', timestamp '2026-11-20 14:59:00')");
    }

    outbox.delivered(second, "Flag/1", Optional.empty());

    assertThat(outbox.claim("node", Duration.ofSeconds(30), 10)).isEmpty();
    assertThat(entries.statuses(hash("s1"))).extracting(SessionEntries.EntryStatus::state).containsExactly("saved");
  }

  @Test
  void claimsOnlyTheOldestPendingEntryOfEachSession() {
    EntryResources first = entry("first");
    EntryResources second = entry("second");
    EntryResources other = entry("other session");
    outbox.enqueue(destination("s1"), first, "session-note");
    outbox.enqueue(destination("s1"), second, "session-note");
    outbox.enqueue(destination("s2"), other, "session-note");

    List<Outbox.Claimed> claimed = outbox.claim("node", Duration.ofSeconds(30), 10);

    assertThat(claimed).extracting(Outbox.Claimed::entryId)
        .containsExactlyInAnyOrder(first.entryId(), other.entryId());
    assertThat(claimed.get(0).resources().target().fhirType()).isEqualTo("Observation");
  }

  @Test
  void dueHeadsAreReadInTheDueIndexOrderNotSortedAfterReadingEveryPendingEntry() throws Exception {
    try (Connection connection = database.dataSource().getConnection();
         Statement explain = connection.createStatement();
         ResultSet plan = explain.executeQuery("explain " + Outbox.HEADS.replace("?", "current_timestamp"))) {
      plan.next();
      assertThat(plan.getString(1)).contains("/* index sorted */").contains("OUTBOX_ENTRY_DUE");
    }
  }

  @Test
  void leasedEntryIsNotClaimedByAnotherNodeUntilTheLeaseRunsOut() {
    outbox.enqueue(destination("s1"), entry("leased"), "session-note");
    assertThat(outbox.claim("node-1", Duration.ofSeconds(30), 10)).hasSize(1);

    assertThat(outbox.claim("node-2", Duration.ofSeconds(30), 10)).isEmpty();
    Outbox later = new Outbox(database.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR,
        Clock.fixed(NOW.plusSeconds(31), ZoneOffset.UTC));
    assertThat(later.claim("node-2", Duration.ofSeconds(30), 10)).hasSize(1);
  }

  @Test
  void failedEntryIsKeptWithItsReasonAndNoLongerHoldsUpTheSession() {
    EntryResources first = entry("rejected");
    EntryResources second = entry("next");
    outbox.enqueue(destination("s1"), first, "session-note");
    outbox.enqueue(destination("s1"), second, "session-note");

    outbox.fail(outbox.claim("node", Duration.ofSeconds(30), 10).get(0),
        new Outbox.Problem("the EHR refused the entry (422)", "the EHR refused the entry (422)"));

    assertThat(outbox.claim("node", Duration.ofSeconds(30), 10)).extracting(Outbox.Claimed::entryId)
        .containsExactly(second.entryId());
    assertThat(entries.statuses(hash("s1"))).contains(new SessionEntries.EntryStatus(first.entryId(), "failed",
        Optional.of("the EHR refused the entry (422)"), Optional.of("Therapist session note"), NOW, false));
    assertThat(report.depth()).containsExactly(new OutboxReport.Depth("sandbox", 1, 1, Optional.of(NOW)));
  }

  @Test
  void retriedFailedEntryIsPendingAgainOnlyForItsOwnSession() {
    EntryResources entry = entry("retry me");
    outbox.enqueue(destination("s1"), entry, "session-note");
    outbox.fail(outbox.claim("node", Duration.ofSeconds(30), 10).get(0), new Outbox.Problem("refused", "refused"));

    assertThat(failedEntries.retryFailed(hash("s2"), entry.entryId())).isFalse();
    assertThat(failedEntries.retryFailed(hash("s1"), entry.entryId())).isTrue();
    assertThat(outbox.claim("node", Duration.ofSeconds(30), 10)).hasSize(1);
  }

  @Test
  void onlyAFailedEntryOfTheSessionCanBeShownAndDiscardedAndDiscardingIsFinal() {
    EntryResources entry = entry("theirs or mine");
    outbox.enqueue(destination("s1"), entry, "integration-plan");
    assertThat(entries.failed(hash("s1"), entry.entryId())).isEmpty();
    assertThat(failedEntries.discardFailed(hash("s1"), entry.entryId())).isFalse();

    outbox.fail(outbox.claim("node", Duration.ofSeconds(30), 10).get(0), new Outbox.Problem("409", "conflict"));

    assertThat(entries.failed(hash("s2"), entry.entryId())).isEmpty();
    assertThat(failedEntries.discardFailed(hash("s2"), entry.entryId())).isFalse();
    assertThat(entries.failed(hash("s1"), entry.entryId())).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo("integration-plan");
      assertThat(e.target().fhirType()).isEqualTo("Observation");
    });
    assertThat(failedEntries.discardFailed(hash("s1"), entry.entryId())).isTrue();
    assertThat(entries.statuses(hash("s1"))).isEmpty();
    assertThat(outbox.claim("node", Duration.ofSeconds(30), 10)).isEmpty();
  }

  @Test
  void entryWaitingForARelaunchIsNotRetriedBeforeItsTime() {
    outbox.enqueue(destination("s1"), entry("waiting"), "session-note");
    Outbox.Claimed claimed = outbox.claim("node", Duration.ofSeconds(30), 10).get(0);

    outbox.postpone(claimed, NOW.plusSeconds(60), new Outbox.Problem("tokens", OutboxSender.RELAUNCH));

    assertThat(outbox.claim("node", Duration.ofSeconds(30), 10)).isEmpty();
    assertThat(outbox.adopt("owner", hash("s3"))).isEqualTo(1);
    assertThat(outbox.claim("node", Duration.ofSeconds(30), 10)).extracting(Outbox.Claimed::sessionHash)
        .containsExactly(hash("s3"));
  }

  @Test
  void operatorsSeeTheLatestProblemsWithoutTheEhrsExplanation() {
    outbox.enqueue(destination("s1"), entry("refused"), "session-note");
    outbox.fail(outbox.claim("node", Duration.ofSeconds(30), 10).get(0), new Outbox.Problem(
        "the EHR refused the entry (422)", "the EHR refused the entry (422): 'refused' is not allowed"));

    assertThat(report.lastErrors("sandbox", 10)).containsExactly(new org.kapcompanion.admin.OutboxStatus.WriteError(
        NOW, "session-note", "the EHR refused the entry (422)"));
    assertThat(report.lastErrors("other-tenant", 10)).isEmpty();
  }

  @Test
  void receiptsOlderThanTheCutOffArePurged() {
    outbox.enqueue(destination("s1"), entry("delivered"), "session-note");
    outbox.delivered(outbox.claim("node", Duration.ofSeconds(30), 10).get(0), "Observation/1", Optional.empty());

    assertThat(outbox.purgeReceipts(NOW)).isZero();
    assertThat(outbox.purgeReceipts(NOW.plusSeconds(1))).isEqualTo(1);
    assertThat(entries.statuses(hash("s1"))).isEmpty();
  }

  @Test
  void clinicalContentIsEncryptedAtRest() throws Exception {
    outbox.enqueue(destination("s1"), entry("Tearful when speaking about her father"), "session-note");
    outbox.fail(outbox.claim("node", Duration.ofSeconds(30), 10).get(0), new Outbox.Problem(
        "the EHR refused the entry (422)",
        "the EHR refused the entry (422): value 'Tearful when speaking about her father' is too long"));

    try (Connection connection = database.dataSource().getConnection();
         Statement select = connection.createStatement();
         ResultSet rows = select.executeQuery("select * from outbox_entry")) {
      rows.next();
      for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
        assertThat(String.valueOf(rows.getObject(column))).doesNotContain("father", "kap-pt-01");
      }
    }
  }

  static EntryResources entry(String text) {
    SessionNote note = new SessionNote(UUID.randomUUID().toString(), NOW, text, List.of());
    EntryContext context = new EntryContext("kap-pt-01", Optional.of("kap-pt-01-dose-01"),
        Optional.of("Practitioner/kap-therapist-1"));
    return EntryResources.of(TestNotes.entry(note, context), context, NOW);
  }

  static Outbox.Destination destination(String session) {
    return new Outbox.Destination("sandbox", hash(session), "owner", "patient");
  }

  static String hash(String session) {
    return "hash-of-" + session;
  }
}
