package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.hl7.fhir.r4.model.CapabilityStatement;

/** Each EHR endpoint's CapabilityStatement ({@code GET [base]/metadata}), fetched once and kept for an hour. */
final class Capabilities {

  private static final Duration KEEP = Duration.ofHours(1);

  private final HttpClient http;
  private final FhirContext fhir;
  private final Clock clock;
  private final Duration timeout;
  private final ConcurrentMap<URI, Cached> cache = new ConcurrentHashMap<>();

  Capabilities(HttpClient http, FhirContext fhir, Clock clock, Duration timeout) {
    this.http = http;
    this.fhir = fhir;
    this.clock = clock;
    this.timeout = timeout;
  }

  private record Cached(CapabilityStatement statement, Instant fetchedAt) {}

  /** The statement of an endpoint, or the outcome to report when it cannot be had now. */
  sealed interface Lookup {
    record Known(CapabilityStatement statement) implements Lookup {}

    record Unknown(WriteOutcome outcome) implements Lookup {}
  }

  Lookup forEndpoint(FhirWriter.Credentials credentials) throws IOException, InterruptedException {
    Cached cached = cache.get(credentials.fhirBase());
    if (cached != null && cached.fetchedAt().plus(KEEP).isAfter(clock.instant())) {
      return new Lookup.Known(cached.statement());
    }
    String base = credentials.fhirBase().toString();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base.endsWith("/") ? base + "metadata" : base + "/metadata"))
        .timeout(timeout).header("Accept", "application/fhir+json")
        .header("Authorization", "Bearer " + credentials.accessToken()).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      return new Lookup.Unknown(response.statusCode() == 401 ? new WriteOutcome.Unauthorized()
          : new WriteOutcome.Retry("EHR capability statement answered " + response.statusCode(), Optional.empty()));
    }
    CapabilityStatement statement = fhir.newJsonParser().parseResource(CapabilityStatement.class, response.body());
    cache.put(credentials.fhirBase(), new Cached(statement, clock.instant()));
    return new Lookup.Known(statement);
  }
}
