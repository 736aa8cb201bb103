package org.kapcompanion.writeback;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.kapcompanion.admin.OutboxStatus;
import org.kapcompanion.admin.Readiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox as operators see and handle it, without clinical content: each tenant's depth, failed entries and last
 * problems, retrying or discarding a failed entry by id, and whether delivery has stalled.
 */
final class OutboxOperations implements OutboxStatus {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxOperations.class);
  private static final int FAILED_SHOWN = 50;

  private final Outbox outbox;
  private final OutboxReport report;
  private final FailedEntries failedEntries;
  private final OutboxSender sender;
  private final Duration stalledAfter;
  private final Clock clock;

  OutboxOperations(Outbox outbox, OutboxReport report, FailedEntries failedEntries, OutboxSender sender,
      Duration stalledAfter, Clock clock) {
    this.outbox = outbox;
    this.report = report;
    this.failedEntries = failedEntries;
    this.sender = sender;
    this.stalledAfter = stalledAfter;
    this.clock = clock;
  }

  @Override
  public Optional<TenantOutbox> of(String tenantId) {
    OutboxReport.Depth depth = report.depth().stream().filter(d -> d.tenantId().equals(tenantId)).findFirst()
        .orElse(new OutboxReport.Depth(tenantId, 0, 0, Optional.empty()));
    return Optional.of(new TenantOutbox(depth.pending(), depth.failed(), depth.oldestPending(),
        report.failed(tenantId, FAILED_SHOWN), report.lastErrors(tenantId, 10), sender.refusedFollowUps(tenantId)));
  }

  @Override
  public long quarantined(String tenantId) {
    return outbox.quarantined(tenantId);
  }

  @Override
  public boolean retry(String entryId) {
    boolean retried = failedEntries.retryFailedByOperator(entryId);
    if (retried) {
      LOG.info("entry {} sent again at an operator's request", entryId);
      sender.nudge();
    }
    return retried;
  }

  @Override
  public boolean discard(String entryId) {
    boolean discarded = failedEntries.discardFailedByOperator(entryId);
    if (discarded) {
      LOG.warn("entry {} discarded unsent at an operator's request", entryId);
    }
    return discarded;
  }

  /**
   * {@code /ready}'s {@code delivery} probe: fails while entries are due and the delivery loop has made no progress
   * for {@code stalledAfter}, so a node whose sender is stuck stops taking traffic.
   */
  Readiness.Probe deliveryProbe() {
    return new Readiness.Probe("delivery", () -> {
      Duration since = sender.sinceProgress();
      if (since.compareTo(stalledAfter) < 0) {
        return Optional.empty();
      }
      try {
        int due = report.due(clock.instant());
        return due == 0 ? Optional.empty() : Optional.of("not ready: " + due + " entries due, no delivery progress for "
            + since.toMinutes() + " min");
      } catch (RuntimeException e) {
        return Optional.of("not ready: no delivery progress for " + since.toMinutes() + " min, and the outbox cannot "
            + "be read");
      }
    });
  }
}
