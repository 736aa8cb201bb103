package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.kapcompanion.launch.SessionPage;
import org.kapcompanion.launch.SessionTokens;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.web.Templates;

/**
 * Assembles write-back from what the composition root provides: the validator (warmed in the background), the durable
 * outbox, its sender, and the session pages for entries.
 */
public final class WritebackFeature implements AutoCloseable {

  /** EHR write timeout; a lease outlives two of them so a slow write is never sent twice at once. */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(20);

  private final Outbox outbox;
  private final OutboxSender sender;
  private final EntryEndpoints endpoints;

  public WritebackFeature(FhirContext fhir, ConformancePackage conformancePackage, DataSource dataSource,
      SecretBox box, SessionTokens tokens, Templates templates, Clock clock) {
    ResourceValidator validator = new ResourceValidator(fhir, conformancePackage);
    validator.warmUp(runnable -> {
      Thread thread = new Thread(runnable, "kap-validator-warm-up");
      thread.setDaemon(true);
      thread.start();
    });
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.outbox = new Outbox(dataSource, box, fhir, clock);
    FhirWriter writer = new FhirWriter(http, fhir, new Capabilities(http, fhir, clock, WRITE_TIMEOUT), WRITE_TIMEOUT);
    this.sender = new OutboxSender(outbox, writer, new SessionCredentials(tokens), RetryPolicy.DEFAULT, clock,
        WRITE_TIMEOUT.multipliedBy(3), 8);
    this.endpoints = new EntryEndpoints(new EntryService(validator, outbox, sender::nudge, clock),
        QuickTag.from(conformancePackage), templates);
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

  /** Outbox depth and oldest pending entry per tenant, for operators (no clinical content). */
  public List<Outbox.Depth> outboxDepth() {
    return outbox.depth();
  }

  @Override
  public void close() {
    sender.close();
  }
}
