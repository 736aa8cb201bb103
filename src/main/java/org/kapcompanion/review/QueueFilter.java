package org.kapcompanion.review;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kapcompanion.vocabulary.Coded;
import org.kapcompanion.vocabulary.ReviewReason;
import org.kapcompanion.vocabulary.ReviewStatus;
import org.kapcompanion.web.StrictValue;

/**
 * What the supervisor asked the queue for: therapist, date range, review status, attention, and the page. Values
 * that do not parse, and dates outside 2000-2099, are left out (the form then shows what was applied), never passed to
 * the EHR.
 *
 * @param therapist a Practitioner id
 * @param from the first day of sessions shown
 * @param to the last day of sessions shown
 * @param status which review status
 * @param attention empty for every session; {@link Attention#any()} for those needing attention for any reason
 * @param page the page, from 1
 */
record QueueFilter(
    Optional<String> therapist,
    Optional<LocalDate> from,
    Optional<LocalDate> to,
    Status status,
    Optional<Attention> attention,
    int page) {

  static final int PAGE_SIZE = 20;
  /** The earliest and latest day a filter may name; others are left out. */
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  static final LocalDate LATEST = LocalDate.of(2099, 12, 31);
  private static final String ID = "[A-Za-z0-9\\-.]{1,64}";

  /** Which review status the queue shows; its code in a query is its name in lower case. */
  enum Status {
    AWAITING("Awaiting review"),
    REVIEWED("Reviewed"),
    ALL("All");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    String label() {
      return label;
    }

    /** The status whose code is {@code code}; empty for any other value, or none. */
    static Optional<Status> of(String code) {
      return Arrays.stream(values()).filter(status -> status.code().equals(code)).findFirst();
    }

    boolean includes(ReviewStatus status) {
      return this == ALL || (this == AWAITING) == status.awaitsReview();
    }
  }

  /** The reasons a session must have (at least one of) to be shown. */
  record Attention(Set<ReviewReason> reasons) {

    static Attention any() {
      return new Attention(EnumSet.allOf(ReviewReason.class));
    }

    /** {@code any}, or a reason's code. */
    String code() {
      return reasons.size() == 1 ? reasons.iterator().next().value() : "any";
    }

    static Optional<Attention> parse(String code) {
      if ("any".equals(code)) {
        return Optional.of(any());
      }
      return Coded.byValue(ReviewReason.class, code).map(reason -> new Attention(EnumSet.of(reason)));
    }
  }

  /** The filter in a request's query parameters ({@code therapist, from, to, status, attention, page}). */
  static QueueFilter parse(Function<String, String> parameter) {
    Optional<String> therapist = Optional.ofNullable(parameter.apply("therapist")).filter(id -> id.matches(ID));
    Status status = Status.of(parameter.apply("status")).orElse(Status.AWAITING);
    Optional<Attention> attention = Optional.ofNullable(parameter.apply("attention")).flatMap(Attention::parse);
    int page = StrictValue.number("page", "The page", parameter.apply("page"), StrictValue.Range.whole(1, 10_000))
        .value().map(BigDecimal::intValueExact).orElse(1);
    return new QueueFilter(therapist, date("from", parameter.apply("from")),
        date("to", parameter.apply("to")), status, attention,
        page);
  }

  /** A date of the filter: a real day from {@link #EARLIEST} to {@link #LATEST}, else left out. */
  private static Optional<LocalDate> date(String name, String value) {
    return StrictValue.date(name, "The date", value, EARLIEST, LATEST).value();
  }

  QueueFilter onPage(int newPage) {
    return new QueueFilter(therapist, from, to, status, attention, newPage);
  }

  /** Whether an entry passes the filter (for the one-patient queue, filtered in the app). */
  boolean matches(ReviewEntry entry, ZoneId zone) {
    LocalDate day = entry.start().atZone(zone).toLocalDate();
    return therapist.map(id -> entry.therapist().equals(Optional.of("Practitioner/" + id))).orElse(true)
        && from.map(first -> !day.isBefore(first)).orElse(true)
        && to.map(last -> !day.isAfter(last)).orElse(true)
        && status.includes(entry.status())
        && attention.map(a -> a.reasons().stream().anyMatch(entry.reasons()::contains)).orElse(true);
  }

  /** This filter as the queue page's own query string, for paging links. */
  String queryString() {
    Map<String, String> values = new LinkedHashMap<>();
    therapist.ifPresent(id -> values.put("therapist", id));
    from.ifPresent(day -> values.put("from", day.toString()));
    to.ifPresent(day -> values.put("to", day.toString()));
    values.put("status", status.code());
    attention.ifPresent(a -> values.put("attention", a.code()));
    values.put("page", String.valueOf(page));
    return values.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
        StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }
}
