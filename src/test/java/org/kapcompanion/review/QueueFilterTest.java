package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kapcompanion.vocabulary.ReviewReason;
import org.kapcompanion.vocabulary.ReviewStatus;

class QueueFilterTest {

  private static final ZoneId ZONE = ZoneOffset.ofHours(-7);

  @Test
  void valuesThatDoNotParseAreLeftOut() {
    QueueFilter filter = QueueFilter.parse(Map.of("therapist", "x' or 1=1", "from", "yesterday", "status", "?",
        "attention", "everything", "page", "-3")::get);
    assertThat(filter).isEqualTo(new QueueFilter(Optional.empty(), Optional.empty(), Optional.empty(),
        QueueFilter.Status.AWAITING, Optional.empty(), 1));
  }

  @Test
  void datesOutsideTheCenturyAndPagesInOtherDigitsAreLeftOut() {
    QueueFilter filter = QueueFilter.parse(Map.of("from", "1999-12-31", "to", "+999999999-12-31",
        "page", "\u0663")::get);
    assertThat(filter.from()).isEmpty();
    assertThat(filter.to()).isEmpty();
    assertThat(filter.page()).isEqualTo(1);
    assertThat(QueueFilter.parse(Map.of("from", "2000-01-01", "to", "2099-12-31")::get).to())
        .contains(java.time.LocalDate.of(2099, 12, 31));
  }

  @Test
  void theOnePatientQueueFiltersEntriesTheSameWay() {
    ReviewEntry entry = new ReviewEntry("s1", "p1", Optional.of("Practitioner/t-1"),
        Instant.parse("2026-11-10T16:00:00Z"), EnumSet.of(ReviewReason.ADVERSE_EVENT),
        ReviewStatus.AWAITING_REVIEW, Optional.empty(), Optional.empty());
    assertThat(QueueFilter.parse(Map.of("therapist", "t-1", "attention", "adverse-event")::get)
        .matches(entry, ZONE)).isTrue();
    assertThat(QueueFilter.parse(Map.of("attention", "safety-alert")::get).matches(entry, ZONE)).isFalse();
    assertThat(QueueFilter.parse(Map.of("status", "reviewed")::get).matches(entry, ZONE)).isFalse();
    assertThat(QueueFilter.parse(Map.of("from", "2026-11-10", "to", "2026-11-10")::get).matches(entry, ZONE))
        .isTrue();
    assertThat(QueueFilter.parse(Map.of("to", "2026-11-09")::get).matches(entry, ZONE)).isFalse();
  }

  @Test
  void pageLinksKeepTheFilter() {
    QueueFilter filter = QueueFilter.parse(Map.of("therapist", "t-1", "from", "2026-11-01", "attention",
        "safety-alert")::get);
    assertThat(filter.onPage(2).queryString())
        .isEqualTo("therapist=t-1&from=2026-11-01&status=awaiting&attention=safety-alert&page=2");
    assertThat(QueueFilter.parse(Map.of("from", "2026-11-01")::get).from()).contains(LocalDate.of(2026, 11, 1));
  }
}
