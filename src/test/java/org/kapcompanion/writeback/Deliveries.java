package org.kapcompanion.writeback;

import org.kapcompanion.monitoring.SessionNote;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Resource;

/** Test wiring of the outbox sender and the entries it sends: short timeouts, fast retries, tagged resources. */
final class Deliveries {

  static final String RUN_SYSTEM = "http://kapcompanion.org/fhir/test-run";

  private Deliveries() {}

  /** Credentials that never change: one endpoint and token per session hash. */
  static final class Fixed implements DeliveryCredentials {
    private final Map<String, FhirWriter.Credentials> bySession = new ConcurrentHashMap<>();

    void put(String sessionHash, URI fhirBase, String token) {
      bySession.put(sessionHash, new FhirWriter.Credentials(fhirBase, token));
    }

    @Override
    public Optional<FhirWriter.Credentials> current(String sessionHash) {
      return Optional.ofNullable(bySession.get(sessionHash));
    }

    @Override
    public Optional<FhirWriter.Credentials> renew(String sessionHash, FhirWriter.Credentials rejected) {
      return Optional.empty();
    }
  }

  static OutboxSender sender(Outbox outbox, DeliveryCredentials credentials, Duration timeout, Duration lease,
      int parallelism) {
    return sender(outbox, credentials, timeout, lease, parallelism, Clock.systemUTC());
  }

  static OutboxSender sender(Outbox outbox, DeliveryCredentials credentials, Duration timeout, Duration lease,
      int parallelism, Clock clock) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    FhirWriter writer = new FhirWriter(http, SandboxFhir.FHIR,
        new Capabilities(http, SandboxFhir.FHIR, clock, timeout), timeout, clock);
    RetryPolicy policy = new RetryPolicy(Duration.ofMillis(50), Duration.ofSeconds(1), 60, Duration.ofMillis(500));
    return new OutboxSender(outbox, SharedValidator.VALIDATOR, writer, new EntryReferences(SandboxFhir.FHIR),
        credentials, DeliveryFollowUp.NONE, new DeliverySettings(policy, lease, parallelism), clock);
  }

  /** A note entry for the patient and encounter, tagged with the test run so the test can count what arrived. */
  static EntryResources note(String patient, String encounter, String practitioner, String run, int number) {
    SessionNote note = new SessionNote(UUID.randomUUID().toString(), Instant.now(), "Test note " + number,
        List.of("breathwork"));
    EntryContext context = new EntryContext(patient, Optional.of(encounter), Optional.of(practitioner));
    EntryResources resources = EntryResources.of(TestNotes.entry(note, context), context, Instant.now());
    tag(resources.target(), run);
    resources.provenance().ifPresent(provenance -> tag(provenance, run));
    return resources;
  }

  private static void tag(Resource resource, String run) {
    resource.getMeta().addTag(RUN_SYSTEM, run, null);
  }
}
