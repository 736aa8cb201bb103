package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcompanion.admin.OutboxStatus;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;

/**
 * An entry that cannot be read back (here: U+0000 in a CarePlan's XHTML narrative, which HAPI's XHTML parser refuses
 * with HAPI-1755) is refused when saved, and one stored by an earlier release is set aside as failed when it comes
 * due, without stopping any other entry and without failing a page that reads the outbox.
 */
class UnreadableEntryTest {

  private static final Instant NOW = OutboxTest.NOW;
  private final Database database = TestStores.inMemory();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final Outbox outbox = new Outbox(database.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR,
      clock);
  private final SessionEntries entries = new SessionEntries(database.dataSource(), new SecretBox(TestStores.KEY),
      SandboxFhir.FHIR);
  private final FailedEntries failedEntries = new FailedEntries(database.dataSource(), clock);
  private final OutboxReport report = new OutboxReport(database.dataSource());

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void entryWhoseStoredFormDoesNotReadBackIsRefusedAndNothingIsStored() {
    EntryResources poison = OutboxRows.carePlanWithNul("kap-pt-01", NOW);

    assertThat(outbox.enqueue(OutboxTest.destination("s1"), poison, OutboxRows.KIND)).isEqualTo(Outbox.Stored.UNREADABLE);

    assertThat(report.depth()).isEmpty();
    assertThat(outbox.unstorable(poison).message()).contains("control character");
  }

  @Test
  void controlCharacterInPlainTextIsRefusedToo() {
    EntryResources note = OutboxTest.entry("Asked for the music\u0007 to stop");

    assertThat(outbox.enqueue(OutboxTest.destination("s1"), note, "session-note")).isEqualTo(Outbox.Stored.UNREADABLE);
    assertThat(outbox.unstorable(note).message()).contains("control character");
    assertThat(outbox.enqueue(OutboxTest.destination("s1"), OutboxTest.entry("Tab\tand\nnew line are fine"), "session-note"))
        .isEqualTo(Outbox.Stored.NEW);
  }

  @Test
  void unreadableEntryIsSetAsideAndEveryOtherSessionIsStillClaimed() throws Exception {
    EntryResources poison = OutboxRows.carePlanWithNul("kap-pt-01", NOW);
    OutboxRows.storeUnchecked(database.dataSource(), OutboxTest.destination("s0"), poison, NOW.minusSeconds(60));
    EntryResources first = OutboxTest.entry("first");
    EntryResources second = OutboxTest.entry("second");
    outbox.enqueue(OutboxTest.destination("s1"), first, "session-note");
    outbox.enqueue(OutboxTest.destination("s2"), second, "session-note");

    List<Outbox.Claimed> claimed = outbox.claim("node", Duration.ofSeconds(30), 10);

    assertThat(claimed).extracting(Outbox.Claimed::entryId)
        .containsExactlyInAnyOrder(first.entryId(), second.entryId());
    assertThat(outbox.quarantined("sandbox")).isEqualTo(1);
    assertThat(report.failed("sandbox", 10)).containsExactly(new OutboxStatus.FailedEntry(poison.entryId(),
        OutboxRows.KIND, NOW.minusSeconds(60), NOW, "stored entry unreadable (DataFormatException)", true));
  }

  @Test
  void unreadableHeadOfASessionDoesNotHoldUpTheSessionsLaterEntries() throws Exception {
    OutboxRows.storeUnchecked(database.dataSource(), OutboxTest.destination("s1"),
        OutboxRows.carePlanWithNul("kap-pt-01", NOW), NOW);
    EntryResources next = OutboxTest.entry("next");
    outbox.enqueue(OutboxTest.destination("s1"), next, "session-note");

    assertThat(outbox.claim("node", Duration.ofSeconds(30), 10)).isEmpty();
    assertThat(outbox.claim("node", Duration.ofSeconds(30), 10)).extracting(Outbox.Claimed::entryId)
        .containsExactly(next.entryId());
  }

  @Test
  void claimReadsOnlyTheEntriesItLeasesSoAnUnreadableHeadBeyondTheLimitWaitsForTheNextRound() throws Exception {
    EntryResources first = OutboxTest.entry("first");
    outbox.enqueue(OutboxTest.destination("s1"), first, "session-note");
    EntryResources poison = OutboxRows.carePlanWithNul("kap-pt-01", NOW);
    OutboxRows.storeUnchecked(database.dataSource(), OutboxTest.destination("s2"), poison, NOW);

    assertThat(outbox.claim("node", Duration.ofSeconds(30), 1)).extracting(Outbox.Claimed::entryId)
        .containsExactly(first.entryId());
    assertThat(outbox.quarantined("sandbox")).isZero();
    assertThat(entries.statuses(OutboxTest.hash("s2"))).extracting(SessionEntries.EntryStatus::state)
        .containsExactly("pending");

    assertThat(outbox.claim("node", Duration.ofSeconds(30), 1)).isEmpty();
    assertThat(outbox.quarantined("sandbox")).isEqualTo(1);
    assertThat(entries.statuses(OutboxTest.hash("s2"))).extracting(SessionEntries.EntryStatus::state)
        .containsExactly("failed");
  }

  @Test
  void pagesReadAroundAnUnreadableEntryAndShowItFailedWithItsReason() throws Exception {
    EntryResources poison = OutboxRows.carePlanWithNul("kap-pt-01", NOW);
    OutboxRows.storeUnchecked(database.dataSource(), OutboxTest.destination("s1"), poison, NOW);
    EntryResources readable = OutboxTest.entry("readable");
    outbox.enqueue(OutboxTest.destination("s1"), readable, "session-note");

    assertThat(entries.unsent("owner", Set.of(ResourceType.Observation, ResourceType.CarePlan))).singleElement()
        .isInstanceOf(Observation.class);
    assertThat(entries.statuses(OutboxTest.hash("s1"))).extracting(SessionEntries.EntryStatus::state)
        .containsExactly("pending", "pending");

    outbox.claim("node", Duration.ofSeconds(30), 10);

    assertThat(entries.statuses(OutboxTest.hash("s1"))).first().isEqualTo(new SessionEntries.EntryStatus(poison.entryId(),
        "failed", Optional.of(Outbox.UNREADABLE), Optional.of("Integration plan"), NOW, true));
    assertThat(entries.failed(OutboxTest.hash("s1"), poison.entryId())).isEmpty();
    assertThat(entries.unsent("owner", Set.of(ResourceType.Observation, ResourceType.CarePlan))).singleElement()
        .isInstanceOf(Observation.class);
  }

  @Test
  void quarantinedEntryCanBeDiscardedByItsUserAndIsCountedOnce() throws Exception {
    EntryResources poison = OutboxRows.carePlanWithNul("kap-pt-01", NOW);
    OutboxRows.storeUnchecked(database.dataSource(), OutboxTest.destination("s1"), poison, NOW);
    outbox.claim("node", Duration.ofSeconds(30), 10);
    assertThat(failedEntries.retryFailed(OutboxTest.hash("s1"), poison.entryId())).isTrue();
    outbox.claim("node", Duration.ofSeconds(30), 10);
    assertThat(outbox.quarantined("sandbox")).isEqualTo(2);

    assertThat(failedEntries.discardFailed(OutboxTest.hash("s1"), poison.entryId())).isTrue();

    assertThat(entries.statuses(OutboxTest.hash("s1"))).isEmpty();
    assertThat(report.failed("sandbox", 10)).isEmpty();
  }

  @Test
  void entryThatCannotBeDecryptedIsSetAsideToo() throws Exception {
    EntryResources entry = OutboxTest.entry("sealed with another key");
    outbox.enqueue(OutboxTest.destination("s1"), entry, "session-note");
    try (Connection connection = database.dataSource().getConnection();
         PreparedStatement update = connection.prepareStatement("update outbox_entry set payload = ?")) {
      byte[] otherKey = new byte[32];
      new java.security.SecureRandom().nextBytes(otherKey);
      update.setString(1, new SecretBox(otherKey).seal("{}"));
      update.executeUpdate();
    }

    assertThat(outbox.claim("node", Duration.ofSeconds(30), 10)).isEmpty();

    assertThat(report.failed("sandbox", 10)).extracting(OutboxStatus.FailedEntry::problem)
        .containsExactly("stored entry unreadable (IllegalStateException)");
  }

  @Test
  void operatorRetriesOrDiscardsAFailedEntryByIdWhateverItsSession() {
    EntryResources retried = OutboxTest.entry("retried");
    EntryResources discarded = OutboxTest.entry("discarded");
    outbox.enqueue(OutboxTest.destination("s1"), retried, "session-note");
    outbox.enqueue(OutboxTest.destination("s2"), discarded, "session-note");
    for (Outbox.Claimed claimed : outbox.claim("node", Duration.ofSeconds(30), 10)) {
      outbox.fail(claimed, new Outbox.Problem("the EHR refused the entry (422)", "refused"));
    }
    EntryResources pending = OutboxTest.entry("pending");
    outbox.enqueue(OutboxTest.destination("s3"), pending, "session-note");

    assertThat(failedEntries.retryFailedByOperator(retried.entryId())).isTrue();
    assertThat(failedEntries.discardFailedByOperator(discarded.entryId())).isTrue();
    assertThat(failedEntries.discardFailedByOperator(pending.entryId())).isFalse();
    assertThat(failedEntries.retryFailedByOperator(UUID.randomUUID().toString())).isFalse();

    assertThat(entries.statuses(OutboxTest.hash("s1"))).extracting(SessionEntries.EntryStatus::state).containsExactly("pending");
    assertThat(entries.statuses(OutboxTest.hash("s2"))).isEmpty();
    assertThat(report.due(NOW)).isEqualTo(2);
  }
}
