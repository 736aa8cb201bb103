package org.kapcompanion.writeback;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kapcompanion.admin.OutboxStatus;

/**
 * The follow-up writes (such as a session's review Task) the EHR refused since this node started, per tenant and kind:
 * the entry they follow was delivered, so nothing is retried, and this is how operators learn of them.
 */
final class RefusedFollowUps {

  private final Map<String, Map<String, OutboxStatus.RefusedFollowUp>> byTenant = new ConcurrentHashMap<>();

  void refused(String tenantId, String kind, String problem, Instant at) {
    byTenant.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>()).merge(kind,
        new OutboxStatus.RefusedFollowUp(kind, 1, at, problem),
        (earlier, latest) -> new OutboxStatus.RefusedFollowUp(kind, earlier.count() + 1, at, problem));
  }

  /** The tenant's refused kinds, by kind. */
  List<OutboxStatus.RefusedFollowUp> of(String tenantId) {
    return byTenant.getOrDefault(tenantId, Map.of()).values().stream()
        .sorted(Comparator.comparing(OutboxStatus.RefusedFollowUp::kind)).toList();
  }
}
