package org.kapcompanion.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.kapcompanion.vocabulary.Coded;
import org.kapcompanion.vocabulary.ReviewReason;
import org.kapcompanion.vocabulary.ReviewStatus;

/**
 * The review queue's index in the app's own database ({@code review_session}): one row per dosing session with its
 * patient, therapist, start, reasons and review status, and the EHR's review Task once written. The queue pages from
 * it with one query; names and content are read from the EHR.
 */
final class SessionIndex {

  private static final String COLUMNS = "encounter_id, patient_id, therapist, started_at, reasons, status, reviewer, "
      + "reviewed_at, task_reference";
  /** Discharged on a prescriber's override and awaiting review first, then needing attention, then newest. */
  private static final String ORDER = " order by case when status <> 'reviewed' and reasons like '%,"
      + ReviewReason.DISCHARGE_OVERRIDE.value() + ",%' then 0 else 1 end, "
      + "case when status <> 'reviewed' and reasons <> ',' then 0 else 1 end, started_at desc, encounter_id";
  /** A session's row, written over; both statements take the same values in the same order. */
  private static final String UPDATE = "update review_session set patient_id = ?, therapist = ?, started_at = ?, "
      + "reasons = ?, status = ?, reviewer = ?, reviewed_at = ?, task_reference = coalesce(?, task_reference), "
      + "updated_at = ? where tenant_id = ? and encounter_id = ?";
  /** A session's row, new. */
  private static final String INSERT = "insert into review_session (patient_id, therapist, started_at, reasons, "
      + "status, reviewer, reviewed_at, task_reference, updated_at, tenant_id, encounter_id) "
      + "values (?,?,?,?,?,?,?,?,?,?,?)";

  private final DataSource dataSource;
  private final Clock clock;

  SessionIndex(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * A session as the index holds it.
   *
   * @param entry its place in the queue
   * @param taskReference its review Task on the EHR ({@code Task/id}) once written
   */
  record Indexed(ReviewEntry entry, Optional<String> taskReference) {}

  /** One page of the queue and how many sessions match the filter. */
  record Page(List<ReviewEntry> entries, int total) {}

  Optional<Indexed> find(String tenantId, String encounterId) {
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement("select " + COLUMNS
             + " from review_session where tenant_id = ? and encounter_id = ?")) {
      select.setString(1, tenantId);
      select.setString(2, encounterId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(new Indexed(entry(row), Optional.ofNullable(row.getString(9))))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the review index", e);
    }
  }

  /** Records the session's place in the queue; its Task reference is kept unless {@code taskReference} names one. */
  void save(String tenantId, ReviewEntry entry, Optional<String> taskReference) {
    try (Connection connection = dataSource.getConnection()) {
      if (write(connection, UPDATE, tenantId, entry, taskReference) == 0) {
        insert(connection, tenantId, entry, taskReference);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the review index", e);
    }
  }

  private void insert(Connection connection, String tenantId, ReviewEntry entry, Optional<String> taskReference)
      throws SQLException {
    try {
      write(connection, INSERT, tenantId, entry, taskReference);
    } catch (SQLException e) {
      if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
        throw e;
      }
      // Another node recorded the session first (a unique-key violation): write over it, as it would over ours.
      write(connection, UPDATE, tenantId, entry, taskReference);
    }
  }

  /** Writes the session's row with {@link #UPDATE} or {@link #INSERT}; how many rows it changed. */
  private int write(Connection connection, String sql, String tenantId, ReviewEntry entry,
      Optional<String> taskReference) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, entry.patientId());
      statement.setString(2, entry.therapist().orElse(null));
      statement.setTimestamp(3, Timestamp.from(entry.start()));
      statement.setString(4, reasons(entry.reasons()));
      statement.setString(5, entry.status().value());
      statement.setString(6, entry.reviewer().orElse(null));
      statement.setTimestamp(7, entry.reviewedAt().map(Timestamp::from).orElse(null));
      statement.setString(8, taskReference.orElse(null));
      statement.setTimestamp(9, Timestamp.from(clock.instant()));
      statement.setString(10, tenantId);
      statement.setString(11, entry.encounterId());
      return statement.executeUpdate();
    }
  }

  /** The page of the tenant's queue the filter asks for; days are taken in {@code zone}. */
  Page page(String tenantId, QueueFilter filter, ZoneId zone) {
    StringBuilder where = new StringBuilder(" from review_session where tenant_id = ?");
    List<Object> values = new ArrayList<>(List.of(tenantId));
    filter.therapist().ifPresent(id -> {
      where.append(" and therapist = ?");
      values.add("Practitioner/" + id);
    });
    filter.from().ifPresent(day -> {
      where.append(" and started_at >= ?");
      values.add(Timestamp.from(day.atStartOfDay(zone).toInstant()));
    });
    filter.to().ifPresent(day -> {
      where.append(" and started_at < ?");
      values.add(Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()));
    });
    if (filter.status() != QueueFilter.Status.ALL) {
      where.append(filter.status() == QueueFilter.Status.REVIEWED ? " and status = ?" : " and status <> ?");
      values.add(ReviewStatus.REVIEWED.value());
    }
    filter.attention().ifPresent(attention -> {
      where.append(attention.reasons().stream().map(reason -> "reasons like ?")
          .collect(Collectors.joining(" or ", " and (", ")")));
      attention.reasons().forEach(reason -> values.add("%," + reason.value() + ",%"));
    });
    try (Connection connection = dataSource.getConnection()) {
      return new Page(entries(connection, "select " + COLUMNS + where + ORDER, values, filter),
          total(connection, "select count(*)" + where, values));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the review index", e);
    }
  }

  private static List<ReviewEntry> entries(Connection connection, String sql, List<Object> values,
      QueueFilter filter) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql + " limit ? offset ?")) {
      int next = set(select, values);
      select.setInt(next, QueueFilter.PAGE_SIZE);
      select.setInt(next + 1, (filter.page() - 1) * QueueFilter.PAGE_SIZE);
      List<ReviewEntry> entries = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(entry(rows));
        }
      }
      return entries;
    }
  }

  private static int total(Connection connection, String sql, List<Object> values) throws SQLException {
    try (PreparedStatement count = connection.prepareStatement(sql)) {
      set(count, values);
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  private static int set(PreparedStatement statement, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, values.get(i));
    }
    return values.size() + 1;
  }

  private static ReviewEntry entry(ResultSet row) throws SQLException {
    return new ReviewEntry(row.getString(1), row.getString(2), Optional.ofNullable(row.getString(3)),
        row.getTimestamp(4).toInstant(), reasons(row.getString(5)),
        Coded.byValue(ReviewStatus.class, row.getString(6)).orElse(ReviewStatus.AWAITING_REVIEW),
        Optional.ofNullable(row.getString(7)), Optional.ofNullable(row.getTimestamp(8)).map(Timestamp::toInstant));
  }

  /** Reasons as stored: their codes framed by commas, {@code ","} for none, so one {@code like} finds a reason. */
  static String reasons(Set<ReviewReason> reasons) {
    return reasons.stream().sorted().map(ReviewReason::value).collect(Collectors.joining(",", ",", ","))
        .replace(",,", ",");
  }

  static Set<ReviewReason> reasons(String stored) {
    Set<ReviewReason> reasons = EnumSet.noneOf(ReviewReason.class);
    Arrays.stream(stored.split(",")).map(code -> Coded.byValue(ReviewReason.class, code)).flatMap(Optional::stream)
        .forEach(reasons::add);
    return reasons;
  }
}
