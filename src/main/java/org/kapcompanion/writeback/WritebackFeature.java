package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.kapcompanion.admin.OutboxStatus;
import org.kapcompanion.launch.SessionPage;
import org.kapcompanion.launch.SessionTokens;
import org.kapcompanion.store.SecretBox;

/**
 * Assembles write-back from what the composition root provides (the shared validator, store and session tokens):
 * the durable outbox, its sender, the session pages reporting and retrying entries, and the outbox's report for the status page.
 */
public final class WritebackFeature implements AutoCloseable {

  /** EHR write timeout; a lease outlives two of them so a slow write is never sent twice at once. */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(20);

  private final Outbox outbox;
  private final OutboxSender sender;
  private final EntryService entries;
  private final EntryEndpoints endpoints;

  public WritebackFeature(FhirContext fhir, ResourceValidator validator, DataSource dataSource, SecretBox box,
      SessionTokens tokens, Clock clock) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.outbox = new Outbox(dataSource, box, fhir, clock);
    FhirWriter writer = new FhirWriter(http, fhir, new Capabilities(http, fhir, clock, WRITE_TIMEOUT), WRITE_TIMEOUT,
        clock);
    this.sender = new OutboxSender(outbox, validator, writer, new EntryReferences(fhir), new SessionCredentials(tokens),
        RetryPolicy.DEFAULT, clock, WRITE_TIMEOUT.multipliedBy(3), 8);
    this.entries = new EntryService(validator, outbox, sender::nudge, clock);
    this.endpoints = new EntryEndpoints(entries);
  }

  /** How the clinical features save their entries. */
  public EntrySaver entries() {
    return entries;
  }

  /** The session pages of write-back, keyed by their path under the session. */
  public Map<String, SessionPage> sessionPages() {
    return endpoints.pages();
  }

  /** Starts delivering the outbox, including what an earlier run left pending. */
  public WritebackFeature start() {
    sender.start();
    return this;
  }

  /**
   * The outbox as the admin status page sees it: entries waiting and failed per tenant, the oldest waiting one, and
   * the latest problems.
   */
  public OutboxStatus outboxStatus() {
    return tenantId -> {
      Outbox.Depth depth = outbox.depth().stream().filter(d -> d.tenantId().equals(tenantId)).findFirst()
          .orElse(new Outbox.Depth(tenantId, 0, 0, Optional.empty()));
      return Optional.of(new OutboxStatus.TenantOutbox(depth.pending(), depth.failed(), depth.oldestPending(),
          outbox.lastErrors(tenantId, 10)));
    };
  }

  @Override
  public void close() {
    sender.close();
  }
}
