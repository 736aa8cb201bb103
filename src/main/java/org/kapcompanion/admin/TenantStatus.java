package org.kapcompanion.admin;

import java.util.Optional;

/**
 * What the status page shows for one tenant.
 *
 * @param endpoint the endpoint check
 * @param outbox the outbox state, empty while the outbox does not report
 */
public record TenantStatus(EndpointStatus endpoint, Optional<OutboxStatus.TenantOutbox> outbox) {

  /** The endpoint report, when the endpoints could be read. */
  public Optional<EndpointStatus.Checked> checked() {
    return endpoint instanceof EndpointStatus.Checked c ? Optional.of(c) : Optional.empty();
  }

  /** Why the endpoints could not be read, if they could not. */
  public Optional<String> unreachableReason() {
    return endpoint instanceof EndpointStatus.Unreachable u ? Optional.of(u.reason()) : Optional.empty();
  }
}
