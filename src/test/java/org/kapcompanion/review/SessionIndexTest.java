package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.TestStores;
import org.kapcompanion.vocabulary.ReviewReason;
import org.kapcompanion.vocabulary.ReviewStatus;

/** The review queue's index pages, orders and filters in the database, one tenant at a time. */
class SessionIndexTest {

  private static final ZoneId ZONE = ZoneOffset.ofHours(-7);
  private final Database database = TestStores.inMemory();
  private final SessionIndex index = new SessionIndex(database.dataSource(), Clock.systemUTC());

  @AfterEach
  void closeStore() {
    database.close();
  }

  @Test
  void overriddenDischargesComeFirstThenAttentionThenNewestTwentyToAPage() {
    IntStream.rangeClosed(1, 25).forEach(i -> save("t", entry("quiet-" + i, "2026-11-01T10:00:00Z", i, Set.of(),
        ReviewStatus.AWAITING_REVIEW)));
    save("t", entry("alert", "2026-11-01T10:00:00Z", 0, Set.of(ReviewReason.SAFETY_ALERT),
        ReviewStatus.AWAITING_REVIEW));
    save("t", entry("override", "2026-11-01T10:00:00Z", -1, Set.of(ReviewReason.DISCHARGE_OVERRIDE),
        ReviewStatus.AWAITING_REVIEW));
    save("t", entry("reviewed-alert", "2026-11-01T10:00:00Z", 30, Set.of(ReviewReason.SAFETY_ALERT),
        ReviewStatus.REVIEWED));
    save("other-tenant", entry("elsewhere", "2026-11-01T10:00:00Z", 40, Set.of(), ReviewStatus.AWAITING_REVIEW));

    SessionIndex.Page first = index.page("t", filter(Map.of("status", "all")), ZONE);
    assertThat(first.total()).isEqualTo(28);
    assertThat(first.entries()).hasSize(20).extracting(ReviewEntry::encounterId)
        .startsWith("override", "alert", "reviewed-alert", "quiet-25");
    SessionIndex.Page last = index.page("t", filter(Map.of("status", "all", "page", "2")), ZONE);
    assertThat(last.entries()).extracting(ReviewEntry::encounterId).endsWith("quiet-2", "quiet-1").hasSize(8);
  }

  @Test
  void filtersByTherapistDaysInTheClinicsZoneStatusAndReason() {
    save("t", entry("late-evening", "2026-11-02T06:30:00Z", 0, Set.of(ReviewReason.ADVERSE_EVENT),
        ReviewStatus.AWAITING_REVIEW));
    save("t", entry("next-day", "2026-11-02T08:00:00Z", 0, Set.of(), ReviewStatus.REVIEWED));
    save("t", new ReviewEntry("other-therapist", "p", Optional.of("Practitioner/t-2"),
        Instant.parse("2026-11-02T08:00:00Z"), Set.of(), ReviewStatus.CHANGED_AFTER_REVIEW, Optional.empty(),
        Optional.empty()));

    assertThat(ids(Map.of("from", "2026-11-01", "to", "2026-11-01", "status", "all"))).containsExactly("late-evening");
    assertThat(ids(Map.of("status", "reviewed"))).containsExactly("next-day");
    assertThat(ids(Map.of())).containsExactly("late-evening", "other-therapist");
    assertThat(ids(Map.of("therapist", "t-2", "status", "all"))).containsExactly("other-therapist");
    assertThat(ids(Map.of("attention", "adverse-event", "status", "all"))).containsExactly("late-evening");
    assertThat(ids(Map.of("attention", "any", "status", "all"))).containsExactly("late-evening");
  }

  @Test
  void savingAgainKeepsTheTaskReferenceUnlessANewOneIsGiven() {
    ReviewEntry entry = entry("s", "2026-11-01T10:00:00Z", 0, Set.of(), ReviewStatus.AWAITING_REVIEW);
    index.save("t", entry, Optional.of("Task/1"));
    index.save("t", entry, Optional.empty());
    assertThat(index.find("t", "s")).contains(new SessionIndex.Indexed(entry, Optional.of("Task/1")));
  }

  private java.util.List<String> ids(Map<String, String> query) {
    return index.page("t", filter(query), ZONE).entries().stream().map(ReviewEntry::encounterId).toList();
  }

  private static QueueFilter filter(Map<String, String> query) {
    return QueueFilter.parse(query::get);
  }

  private void save(String tenant, ReviewEntry entry) {
    index.save(tenant, entry, Optional.empty());
  }

  private static ReviewEntry entry(String id, String start, int minutes, Set<ReviewReason> reasons,
      ReviewStatus status) {
    Set<ReviewReason> all = EnumSet.noneOf(ReviewReason.class);
    all.addAll(reasons);
    return new ReviewEntry(id, "p", Optional.of("Practitioner/t-1"), Instant.parse(start).plusSeconds(60L * minutes),
        all, status, status == ReviewStatus.AWAITING_REVIEW ? Optional.empty() : Optional.of("Practitioner/s"),
        Optional.empty());
  }
}
