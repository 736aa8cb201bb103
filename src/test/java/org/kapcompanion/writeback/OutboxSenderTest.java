package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kapcompanion.admin.Readiness;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;
import org.kapcompanion.testing.MutableClock;
import org.slf4j.LoggerFactory;

/** The sender's delivery loop when its store fails: it backs off instead of spinning, and says so once. */
class OutboxSenderTest {

  private final Database database = TestStores.inMemory();
  private final FlakyStore store = new FlakyStore(database.dataSource());
  private final Logger logger = (Logger) LoggerFactory.getLogger(OutboxSender.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void capture() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logged);
    database.close();
  }

  @Test
  void failingClaimsAreLoggedOnceAndTheRecoveryOnce() throws Exception {
    Outbox outbox = new Outbox(store, new SecretBox(TestStores.KEY), SandboxFhir.FHIR, Clock.systemUTC());
    store.failing.set(true);
    try (OutboxSender sender = Deliveries.sender(outbox, new Deliveries.Fixed(), Duration.ofSeconds(1),
        Duration.ofSeconds(30), 2)) {
      sender.start();
      await(() -> store.attempts.get() >= 4);
      assertThat(messages(Level.WARN)).singleElement().asString()
          .startsWith("outbox delivery cannot claim entries (java.lang.IllegalStateException)");

      store.failing.set(false);
      await(() -> !messages(Level.INFO).isEmpty());
      assertThat(messages(Level.INFO)).singleElement().asString().startsWith("outbox delivery resumed after");
      assertThat(messages(Level.WARN)).hasSize(1);
    }
  }

  @Test
  void readinessFailsWhileEntriesAreDueAndDeliveryHasMadeNoProgressForTheConfiguredTime() throws Exception {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    Outbox outbox = new Outbox(store, new SecretBox(TestStores.KEY), SandboxFhir.FHIR, clock);
    OutboxReport report = new OutboxReport(database.dataSource());
    try (OutboxSender sender = Deliveries.sender(outbox, new Deliveries.Fixed(), Duration.ofSeconds(1),
        Duration.ofSeconds(30), 2, clock)) {
      Readiness.Probe delivery = new OutboxOperations(outbox, report, new FailedEntries(store, clock), sender,
          Duration.ofMinutes(5), clock).deliveryProbe();
      store.failing.set(true);
      sender.start();
      clock.advance(Duration.ofMinutes(6));
      assertThat(delivery.problem().get()).as("nothing is due").isEmpty();

      new Outbox(database.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR, clock).enqueue(
          new Outbox.Destination("sandbox", "s1", "owner", "patient"), Deliveries.note("kap-pt-01", "kap-pt-01-dose-01",
              "Practitioner/kap-therapist-1", "run", 1), "session-note");
      assertThat(delivery.problem().get()).hasValue("not ready: 1 entries due, no delivery progress for 6 min");

      store.failing.set(false);
      await(() -> sender.sinceProgress().compareTo(Duration.ofMinutes(5)) < 0);
      assertThat(delivery.problem().get()).isEmpty();
      // The claimed entry's delivery (no credentials: it waits for a relaunch) ends before the store closes, so it
      // logs nothing into the next test's capture however slowly it runs.
      await(() -> !report.lastErrors("sandbox", 1).isEmpty());
    }
  }

  @Test
  void pausesAfterFailedClaimsDoubleUpToHalfAMinute() {
    assertThat(List.of(1, 2, 3, 4, 7, 8, 100, Integer.MAX_VALUE)).map(LoopHealth::pause).containsExactly(
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  @Test
  void closingWhileClaimsFailIsQuietAndPrompt() throws Exception {
    Outbox outbox = new Outbox(store, new SecretBox(TestStores.KEY), SandboxFhir.FHIR, Clock.systemUTC());
    store.failing.set(true);
    OutboxSender sender = Deliveries.sender(outbox, new Deliveries.Fixed(), Duration.ofSeconds(1),
        Duration.ofSeconds(30), 2);
    sender.start();
    await(() -> store.attempts.get() >= 6);
    int attempts = store.attempts.get();

    sender.close();

    assertThat(store.attempts.get()).isLessThanOrEqualTo(attempts + 1);
    assertThat(messages(Level.WARN)).hasSize(1);
  }

  private List<String> messages(Level level) {
    return logged.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition met in time").isBefore(deadline);
      Thread.sleep(20);
    }
  }

  /** A store whose connections fail while {@code failing} is set, counting every attempt. */
  private static final class FlakyStore implements DataSource {

    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger attempts = new AtomicInteger();
    private final DataSource real;

    FlakyStore(DataSource real) {
      this.real = real;
    }

    @Override
    public Connection getConnection() throws SQLException {
      attempts.incrementAndGet();
      if (failing.get()) {
        throw new SQLException("the store is down");
      }
      return real.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return real.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return real.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() {
      return java.util.logging.Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return real.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return real.isWrapperFor(type);
    }
  }
}
