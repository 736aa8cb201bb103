package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import org.kapcompanion.web.EhrHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.kapcompanion.admin.OutboxStatus;
import org.kapcompanion.admin.Readiness;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.launch.SessionTokens;
import org.kapcompanion.store.SecretBox;

/**
 * Assembles write-back from what the composition root provides (the shared validator, store and session tokens):
 * the durable outbox, its sender, the session pages reporting and retrying entries, and the outbox's report for the status page.
 */
public final class WritebackFeature implements AutoCloseable {

  /** EHR write timeout; a lease outlives two of them so a slow write is never sent twice at once. */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(20);

  private final OutboxSender sender;
  private final EntryService entries;
  private final EntryEndpoints endpoints;
  private final OutboxOperations operations;

  /**
   * @param followUp what follows from each entry the EHR confirmed, before its receipt is kept (e.g. the review
   *     index)
   * @param stalledAfter how long the delivery loop may make no progress while entries are due before {@code /ready}
   *     fails
   */
  public WritebackFeature(FhirContext fhir, ResourceValidator validator, DataSource dataSource, SecretBox box,
      SessionTokens tokens, DeliveryFollowUp followUp, Duration stalledAfter, Clock clock) {
    HttpClient http = EhrHttp.builder().build();
    Outbox outbox = new Outbox(dataSource, box, fhir, clock);
    FailedEntries failedEntries = new FailedEntries(dataSource, clock);
    FhirWriter writer = new FhirWriter(http, fhir, new Capabilities(http, fhir, clock, WRITE_TIMEOUT), WRITE_TIMEOUT,
        clock);
    this.sender = new OutboxSender(outbox, validator, writer, new EntryReferences(fhir), new SessionCredentials(tokens),
        followUp, new DeliverySettings(RetryPolicy.DEFAULT, WRITE_TIMEOUT.multipliedBy(3), 8), clock);
    SessionEntries sessionEntries = new SessionEntries(dataSource, box, fhir);
    this.entries = new EntryService(validator, outbox, sessionEntries, failedEntries,
        new CheckedSaves(dataSource, outbox, sessionEntries), sender::nudge, clock);
    this.endpoints = new EntryEndpoints(entries, clock);
    this.operations = new OutboxOperations(outbox, new OutboxReport(dataSource), failedEntries, sender, stalledAfter,
        clock);
  }

  /** How the clinical features save their entries. */
  public EntrySaver entries() {
    return entries;
  }

  /**
   * Moves the entries an ended launch of the same user and patient left waiting to this newly started one, so they
   * are delivered with its tokens and listed on its pages. Run at launch, never by a page view.
   */
  public void adoptWaiting(ActiveSession active) {
    if (active.session().context().patientId().isPresent()) {
      entries.adoptWaiting(active);
    }
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
   * The outbox as operators see and handle it: entries waiting and failed per tenant, the oldest waiting one, the
   * failed entries and the latest problems, and retrying or discarding a failed entry.
   */
  public OutboxStatus outboxStatus() {
    return operations;
  }

  /** {@code /ready}'s check that delivery has not stalled while entries are due. */
  public Readiness.Probe deliveryProbe() {
    return operations.deliveryProbe();
  }

  @Override
  public void close() {
    sender.close();
  }
}
