package org.kapcompanion.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the write outbox reports per tenant to operators, without clinical content — how many saves wait to reach the
 * EHR, which failed and why, the last errors — and what an operator may do with a failed entry. Implemented by the
 * outbox; {@link #NOT_AVAILABLE} until it exists.
 */
public interface OutboxStatus {

  /** An outbox that does not report yet: the status page shows "not available" and nothing can be done. */
  OutboxStatus NOT_AVAILABLE = new OutboxStatus() {
    @Override
    public Optional<TenantOutbox> of(String tenantId) {
      return Optional.empty();
    }

    @Override
    public long quarantined(String tenantId) {
      return 0;
    }

    @Override
    public boolean retry(String entryId) {
      return false;
    }

    @Override
    public boolean discard(String entryId) {
      return false;
    }
  };

  /** The outbox state of {@code tenantId}, or empty when the outbox cannot say. */
  Optional<TenantOutbox> of(String tenantId);

  /** How many entries of {@code tenantId} this node set aside as unreadable since it started (a counter). */
  long quarantined(String tenantId);

  /** Sends a failed entry again; false when no failed entry has this id. */
  boolean retry(String entryId);

  /** Gives up a failed entry so it is never sent; false when no failed entry has this id. */
  boolean discard(String entryId);

  /**
   * One tenant's outbox.
   *
   * @param pending saves not yet accepted by the EHR
   * @param failed saves the EHR will not take (or that cannot be read) until someone retries or discards them
   * @param oldestPending when the oldest waiting save was made, empty when none waits
   * @param failedEntries the failed entries, newest first (at most a page of them)
   * @param lastErrors the most recent write errors, newest first
   * @param refusedFollowUps the follow-up writes the EHR refused since this node started, by kind
   */
  record TenantOutbox(int pending, int failed, Optional<Instant> oldestPending, List<FailedEntry> failedEntries,
      List<WriteError> lastErrors, List<RefusedFollowUp> refusedFollowUps) {

    public TenantOutbox {
      failedEntries = List.copyOf(failedEntries);
      lastErrors = List.copyOf(lastErrors);
      refusedFollowUps = List.copyOf(refusedFollowUps);
    }
  }

  /**
   * A failed entry, described without patient data.
   *
   * @param entryId the entry's identifier (a random UUID), by which an operator retries or discards it
   * @param kind what the entry is, e.g. {@code session-note}
   * @param savedAt when the user saved it
   * @param failedAt when it failed
   * @param problem the HTTP status or error type, never the resource content
   * @param unreadable whether it was set aside because the stored entry cannot be read back
   */
  record FailedEntry(String entryId, String kind, Instant savedAt, Instant failedAt, String problem,
      boolean unreadable) {}

  /**
   * A write the EHR refused or that failed, described without patient data.
   *
   * @param at when it happened
   * @param resourceType the FHIR resource type written
   * @param problem the HTTP status or error type, never the resource content
   */
  record WriteError(Instant at, String resourceType, String problem) {}

  /**
   * Follow-up writes of one kind (e.g. {@code review-task}) that the EHR refused after the entry they follow was
   * delivered; they are not retried.
   *
   * @param kind what was not written
   * @param count how many since this node started
   * @param lastAt when the latest was refused
   * @param lastProblem the latest refusal's HTTP status or error type, never the resource content
   */
  record RefusedFollowUp(String kind, long count, Instant lastAt, String lastProblem) {}
}
