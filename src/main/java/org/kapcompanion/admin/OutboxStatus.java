package org.kapcompanion.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the write outbox reports per tenant for the status page: how many saves wait to reach the EHR, and the last
 * errors. Implemented by the outbox; {@link #NOT_AVAILABLE} until it exists.
 */
public interface OutboxStatus {

  /** An outbox that does not report yet: the status page shows "not available". */
  OutboxStatus NOT_AVAILABLE = tenantId -> Optional.empty();

  /** The outbox state of {@code tenantId}, or empty when the outbox cannot say. */
  Optional<TenantOutbox> of(String tenantId);

  /**
   * One tenant's outbox.
   *
   * @param pending saves not yet accepted by the EHR
   * @param failed saves the EHR will not take until a user retries them
   * @param oldestPending when the oldest waiting save was made, empty when none waits
   * @param lastErrors the most recent write errors, newest first
   */
  record TenantOutbox(int pending, int failed, Optional<Instant> oldestPending, List<WriteError> lastErrors) {

    public TenantOutbox {
      lastErrors = List.copyOf(lastErrors);
    }
  }

  /**
   * A write the EHR refused or that failed, described without patient data.
   *
   * @param at when it happened
   * @param resourceType the FHIR resource type written
   * @param problem the HTTP status or error type, never the resource content
   */
  record WriteError(Instant at, String resourceType, String problem) {}
}
