package org.kapcompanion.writeback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.kapcompanion.admin.DaemonThreads;
import org.kapcompanion.admin.OutboxStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox in the background: claims the oldest due entry of each session, writes it with the session's
 * credentials (refreshing them once on a 401), and records the outcome — deleted when written, retried later with
 * backoff, or failed with a reason. When claims fail the loop backs off ({@link LoopHealth}). Logs carry entry ids,
 * tenants and statuses only, never clinical content.
 */
public final class OutboxSender implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  private static final Duration IDLE_POLL = Duration.ofMillis(250);
  /** Receipts serve the page of a session in progress and resolve references to written entries. */
  private static final Duration KEEP_RECEIPTS = Duration.ofDays(7);
  private static final Duration PURGE_EVERY = Duration.ofHours(1);
  /** The reason shown for entries held back until the user launches again. */
  static final String RELAUNCH = "waiting for you to launch KAP Companion again from the EHR";
  static final String WAITS_FOR_EARLIER = "waiting for an earlier entry it refers to to be saved first";
  static final String REFERS_TO_UNKNOWN = "refers to an entry this app no longer knows; record it again";
  static final String PROVENANCE_INVALID = "KAP Companion could not record who saved this entry; tell IT";

  private final Outbox outbox;
  private final ResourceValidator validator;
  private final FhirWriter writer;
  private final EntryReferences references;
  private final DeliveryCredentials credentials;
  private final DeliveryFollowUp followUp;
  private final DeliverySettings settings;
  private final Clock clock;
  private final String node = UUID.randomUUID().toString();
  private final ExecutorService workers;
  private final Semaphore slots;
  private final AtomicLong written = new AtomicLong();
  private final RefusedFollowUps refusedFollowUps = new RefusedFollowUps();
  private final LoopHealth health;
  private final Object wake = new Object();
  private boolean nudged;
  private Instant nextPurge = Instant.MIN;
  private volatile boolean running;
  private Thread loop;

  OutboxSender(Outbox outbox, ResourceValidator validator, FhirWriter writer, EntryReferences references,
      DeliveryCredentials credentials, DeliveryFollowUp followUp, DeliverySettings settings, Clock clock) {
    this.outbox = outbox;
    this.validator = validator;
    this.writer = writer;
    this.references = references;
    this.credentials = credentials;
    this.followUp = followUp;
    this.settings = settings;
    this.clock = clock;
    this.slots = new Semaphore(settings.parallelism());
    this.health = new LoopHealth(clock);
    this.workers = Executors.newFixedThreadPool(settings.parallelism(), DaemonThreads.numbered("kap-outbox"));
  }

  /** Starts the delivery loop; entries left by an earlier run (or another node) are picked up as they come due. */
  public synchronized void start() {
    running = true;
    loop = DaemonThreads.named("kap-outbox-loop").newThread(this::run);
    loop.start();
  }

  /** Asks the loop to look at the outbox now, e.g. after a new entry was stored. */
  void nudge() {
    synchronized (wake) {
      nudged = true;
      wake.notifyAll();
    }
  }

  /** How many entries this node wrote to the EHR since it started. */
  public long written() {
    return written.get();
  }

  /** The follow-up writes of {@code tenantId}'s entries the EHR refused since this node started. */
  List<OutboxStatus.RefusedFollowUp> refusedFollowUps(String tenantId) {
    return refusedFollowUps.of(tenantId);
  }

  /**
   * How long ago the delivery loop last made progress (a claim that worked, or a delivery whose outcome was
   * recorded); it grows while claims fail or the loop has stopped.
   */
  Duration sinceProgress() {
    return health.sinceProgress();
  }

  private void run() {
    while (running) {
      int started;
      try {
        started = startDue();
        health.claimed();
      } catch (RuntimeException e) {
        if (running) {
          pause(health.claimFailed(e));
        }
        continue;
      }
      if (started == 0) {
        purgeReceiptsHourly();
        idle();
      }
    }
  }

  /**
   * Claims as many due entries (the oldest of each session not already in flight) as there are free workers and
   * starts delivering them; each finished delivery wakes the loop, so no session waits for another's slow write.
   */
  private int startDue() {
    int free = slots.availablePermits();
    if (free == 0) {
      return 0;
    }
    List<Outbox.Claimed> claimed = outbox.claim(node, settings.lease(), free);
    for (Outbox.Claimed entry : claimed) {
      slots.acquireUninterruptibly();
      workers.execute(() -> {
        try {
          deliver(entry);
          health.delivered();
        } catch (RuntimeException e) {
          LOG.warn("delivery of entry {} failed: {}", entry.entryId(), e.getClass().getName());
          retryAfterError(entry, e);
        } finally {
          slots.release();
          nudge();
        }
      });
    }
    return claimed.size();
  }

  /** An unexpected error must not hold the entry until its lease runs out: it is retried with backoff instead. */
  private void retryAfterError(Outbox.Claimed entry, RuntimeException error) {
    try {
      retry(entry, "internal error (" + error.getClass().getSimpleName() + ")", Optional.empty());
    } catch (RuntimeException storeDown) {
      LOG.warn("entry {} keeps its lease until it runs out: {}", entry.entryId(), storeDown.getClass().getName());
    }
  }

  private void purgeReceiptsHourly() {
    Instant now = clock.instant();
    if (now.isBefore(nextPurge)) {
      return;
    }
    nextPurge = now.plus(PURGE_EVERY);
    try {
      outbox.purgeReceipts(now.minus(KEEP_RECEIPTS));
    } catch (RuntimeException e) {
      LOG.warn("receipt purge failed: {}", e.getClass().getName());
    }
  }

  private void idle() {
    synchronized (wake) {
      try {
        if (!nudged) {
          wake.wait(IDLE_POLL.toMillis());
        }
        nudged = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  /** Waits after a failed claim; new entries do not cut the pause short, only {@link #close()} does. */
  private void pause(Duration pause) {
    long deadline = System.nanoTime() + pause.toNanos();
    synchronized (wake) {
      long left;
      while (running && (left = deadline - System.nanoTime()) > 0) {
        try {
          wake.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }

  private void deliver(Outbox.Claimed claimed) {
    if (!provenanceValid(claimed.resources())) {
      fail(claimed, new Outbox.Problem("invalid Provenance", PROVENANCE_INVALID));
      return;
    }
    EntryReferences.Resolution resolution = references.resolve(claimed.resources(), outbox::standing);
    if (resolution instanceof EntryReferences.Resolution.Waiting waiting) {
      outbox.postpone(claimed, clock.instant().plus(settings.retries().delay(1, Optional.empty(), ThreadLocalRandom.current())),
          new Outbox.Problem("waits for an earlier entry", WAITS_FOR_EARLIER));
      return;
    }
    if (resolution instanceof EntryReferences.Resolution.Unknown) {
      fail(claimed, new Outbox.Problem("refers to an unknown entry", REFERS_TO_UNKNOWN));
      return;
    }
    EntryResources resources = ((EntryReferences.Resolution.Resolved) resolution).entry();
    Optional<FhirWriter.Credentials> current = credentials.current(claimed.sessionHash());
    if (current.isEmpty()) {
      awaitRelaunch(claimed);
      return;
    }
    FhirWriter.Credentials used = current.get();
    WriteOutcome outcome = writer.write(used, resources);
    if (outcome instanceof WriteOutcome.Unauthorized) {
      Optional<FhirWriter.Credentials> renewed = credentials.renew(claimed.sessionHash(), used);
      if (renewed.isEmpty()) {
        awaitRelaunch(claimed);
        return;
      }
      used = renewed.get();
      outcome = writer.write(used, resources);
    }
    if (outcome instanceof WriteOutcome.Written done && !followedUp(claimed, resources, done, used)) {
      return;
    }
    record(claimed, outcome);
  }

  /** Runs the follow-up of a written entry; when it must wait, the entry is retried (and written again) later. */
  private boolean followedUp(Outbox.Claimed claimed, EntryResources resources, WriteOutcome.Written done,
      FhirWriter.Credentials used) {
    try {
      followUp.delivered(new DeliveryFollowUp.Delivered(claimed.tenantId(), resources.target(), done.reference()),
          entry -> writeFollowUp(claimed, used, entry));
      return true;
    } catch (DeliveryFollowUp.Later later) {
      retry(claimed, "follow-up: " + later.getMessage(), Optional.empty());
      return false;
    }
  }

  private Optional<String> writeFollowUp(Outbox.Claimed claimed, FhirWriter.Credentials used, Entry entry) {
    WriteOutcome outcome = writer.write(used, new EntryResources(entry.entryId(), entry.target(), Optional.empty(),
        entry.update(), entry.fallback()));
    if (outcome instanceof WriteOutcome.Written written) {
      return Optional.of(written.reference()).filter(reference -> !reference.isEmpty());
    }
    if (outcome instanceof WriteOutcome.Retry retry) {
      throw new DeliveryFollowUp.Later(retry.reason());
    }
    if (outcome instanceof WriteOutcome.Unauthorized) {
      throw new DeliveryFollowUp.Later("session tokens no longer accepted");
    }
    String problem = outcome instanceof WriteOutcome.Rejected rejected ? rejected.problem() : "version conflict";
    LOG.warn("{} of entry {} (tenant {}) not written: {}", entry.kind(), claimed.entryId(), claimed.tenantId(),
        problem);
    refusedFollowUps.refused(claimed.tenantId(), entry.kind(), problem, clock.instant());
    return Optional.empty();
  }

  /**
   * The save's Provenance is made by the app alone (who, when, for which entry), so it is validated here, before it
   * leaves, rather than while the user waits for the save; nothing in it is the user's to correct.
   */
  private boolean provenanceValid(EntryResources resources) {
    return resources.provenance().map(provenance -> !(validator.validate(provenance)
        instanceof ValidationResult.Invalid)).orElse(true);
  }

  private void record(Outbox.Claimed entry, WriteOutcome outcome) {
    if (outcome instanceof WriteOutcome.Written done) {
      outbox.delivered(entry, done.reference(), done.skipped());
      written.incrementAndGet();
    } else if (outcome instanceof WriteOutcome.Retry retry) {
      retry(entry, retry.reason(), retry.after());
    } else if (outcome instanceof WriteOutcome.Rejected rejected) {
      fail(entry, new Outbox.Problem(rejected.problem(), rejected.reason()));
    } else if (outcome instanceof WriteOutcome.Conflict conflict) {
      fail(entry, new Outbox.Problem(conflict.reason(), conflict.reason()));
    } else {
      awaitRelaunch(entry);
    }
  }

  private void retry(Outbox.Claimed entry, String reason, Optional<Duration> after) {
    int attempts = entry.attempts() + 1;
    if (settings.retries().exhausted(attempts)) {
      String gaveUp = "gave up after " + attempts + " attempts; last: " + reason;
      fail(entry, new Outbox.Problem(gaveUp, gaveUp));
      return;
    }
    Duration delay = settings.retries().delay(attempts, after, ThreadLocalRandom.current());
    LOG.info("entry {} (tenant {}) will be retried in {} ms: {}", entry.entryId(), entry.tenantId(),
        delay.toMillis(), reason);
    outbox.retryAt(entry, clock.instant().plus(delay), new Outbox.Problem(reason, reason));
  }

  private void fail(Outbox.Claimed entry, Outbox.Problem problem) {
    LOG.warn("entry {} (tenant {}) failed after {} attempt(s)", entry.entryId(), entry.tenantId(),
        entry.attempts() + 1);
    outbox.fail(entry, problem);
  }

  private void awaitRelaunch(Outbox.Claimed entry) {
    LOG.info("entry {} (tenant {}) waits for a new launch: the session's tokens are no longer accepted",
        entry.entryId(), entry.tenantId());
    outbox.postpone(entry, clock.instant().plus(settings.retries().relaunchWait()),
        new Outbox.Problem("session tokens no longer accepted", RELAUNCH));
  }

  @Override
  public synchronized void close() {
    running = false;
    nudge();
    if (loop != null) {
      try {
        loop.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
