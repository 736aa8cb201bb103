package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Writes one entry to an EHR according to its {@link WritePlan}, so that any number of retries leaves the entry there
 * exactly once: conditional creates on the entry identifier (and the Provenance's entry tag), or a search first where
 * the server has no conditional create. Where the server does not take the target's type, writes the entry's
 * fallback instead and says so. Classifies every answer into a {@link WriteOutcome}.
 */
final class FhirWriter {

  private static final String FHIR_JSON = "application/fhir+json";

  private final HttpClient http;
  private final FhirContext fhir;
  private final Capabilities capabilities;
  private final Duration timeout;
  private final Clock clock;

  FhirWriter(HttpClient http, FhirContext fhir, Capabilities capabilities, Duration timeout, Clock clock) {
    this.http = http;
    this.fhir = fhir;
    this.capabilities = capabilities;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The EHR endpoint and bearer token to write with. */
  record Credentials(URI fhirBase, String accessToken) {}

  WriteOutcome write(Credentials credentials, EntryResources entry) {
    try {
      Capabilities.Lookup lookup = capabilities.forEndpoint(credentials);
      if (!(lookup instanceof Capabilities.Lookup.Known known)) {
        return ((Capabilities.Lookup.Unknown) lookup).outcome();
      }
      String type = entry.target().fhirType();
      boolean update = entry.update().isPresent();
      Optional<WritePlan> plan = WritePlan.choose(known.statement(), type, update);
      if (plan.isPresent()) {
        return write(credentials, entry, plan.get());
      }
      String notTaken = "this EHR does not accept " + type + (update ? " updates" : " writes");
      return entry.fallback().isPresent()
          ? writeFallback(credentials, known.statement(), entry, entry.fallback().get(), notTaken)
          : new WriteOutcome.Rejected(notTaken);
    } catch (IOException | DataFormatException e) {
      return new WriteOutcome.Retry("no usable answer from the EHR (" + e.getClass().getSimpleName() + ")",
          Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new WriteOutcome.Retry("interrupted", Optional.empty());
    }
  }

  /**
   * Where the EHR does not take the target, writes the fallback's alternative instead (as a new resource with the
   * entry's identifier), or nothing; the written outcome carries the fallback's note so the user learns what was
   * written where.
   */
  private WriteOutcome writeFallback(Credentials credentials, CapabilityStatement statement, EntryResources entry,
      Entry.Fallback fallback, String notTaken) throws IOException, InterruptedException {
    if (fallback.alternative().isEmpty()) {
      return new WriteOutcome.Written("", Optional.of(fallback.note()));
    }
    Resource alternative = fallback.alternative().get();
    Optional<WritePlan> plan = WritePlan.choose(statement, alternative.fhirType(), false);
    if (plan.isEmpty()) {
      return new WriteOutcome.Rejected(notTaken + " nor " + alternative.fhirType() + " writes");
    }
    WriteOutcome outcome = write(credentials, entry.asAlternative(alternative), plan.get());
    if (outcome instanceof WriteOutcome.Written written) {
      return new WriteOutcome.Written(written.reference(),
          Optional.of(fallback.note() + written.skipped().map(s -> "; " + s).orElse("")));
    }
    return outcome;
  }

  private WriteOutcome write(Credentials credentials, EntryResources entry, WritePlan plan)
      throws IOException, InterruptedException {
    Optional<String> skipped = plan.provenance() || entry.provenance().isEmpty() ? Optional.empty()
        : Optional.of(FallbackNotes.NO_PROVENANCE);
    if (plan.mode() == WritePlan.Mode.TRANSACTION) {
      return transaction(credentials, entry, plan.provenance(), skipped);
    }
    WriteOutcome target = entry.update().isPresent() ? update(credentials, entry)
        : plan.mode() == WritePlan.Mode.UPDATE_AS_CREATE ? updateAsCreate(credentials, entry)
        : create(credentials, entry.target(), entry.targetCriteria(), plan.mode());
    if (!(target instanceof WriteOutcome.Written written) || !plan.provenance() || entry.provenance().isEmpty()) {
      return target instanceof WriteOutcome.Written w ? new WriteOutcome.Written(w.reference(), skipped) : target;
    }
    Provenance provenance = entry.provenance().get().copy();
    provenance.getTargetFirstRep().setReference(written.reference());
    WritePlan.Mode provenanceMode = plan.mode() == WritePlan.Mode.UPDATE_AS_CREATE
        ? WritePlan.Mode.SEARCH_THEN_CREATE : plan.mode();
    WriteOutcome saved = create(credentials, provenance, entry.provenanceCriteria(), provenanceMode);
    return saved instanceof WriteOutcome.Written ? written : saved;
  }

  /**
   * The patient a resource names (its {@code subject}, a Task's {@code for}; a Provenance's Patient target), which
   * narrows the look-up of an earlier attempt to one patient: EHRs refuse searches of patient data across patients.
   */
  private Optional<String> patientOf(Resource resource) {
    List<Reference> references = resource instanceof Provenance provenance ? provenance.getTarget()
        : Stream.of("subject", "for").filter(name -> fhir.getResourceDefinition(resource).getChildByName(name) != null)
            .findFirst().map(name -> fhir.newTerser().getValues(resource, name, Reference.class)).orElse(List.of());
    return references.stream().map(Reference::getReference)
        .filter(reference -> reference != null && reference.startsWith("Patient/")).findFirst();
  }

  /**
   * Creates the target where the EHR creates its type only by update: {@code PUT Type/id} with an id made from the
   * entry identifier, so a retry replaces the same resource instead of adding one (FHIR R4 §3.1.0.4.2, update as
   * create).
   */
  private WriteOutcome updateAsCreate(Credentials credentials, EntryResources entry)
      throws IOException, InterruptedException {
    Resource target = entry.target().copy();
    String reference = target.fhirType() + "/" + entry.entryId();
    target.setId(reference);
    HttpResponse<String> response = send(credentials, request(credentials, reference)
        .PUT(HttpRequest.BodyPublishers.ofString(parser().encodeResourceToString(target))));
    return response.statusCode() / 100 == 2 ? new WriteOutcome.Written(reference, Optional.empty())
        : failure(response);
  }

  private WriteOutcome transaction(Credentials credentials, EntryResources entry, boolean withProvenance,
      Optional<String> skipped) throws IOException, InterruptedException {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    String type = entry.target().fhirType();
    Bundle.BundleEntryComponent target = bundle.addEntry().setResource(entry.target());
    if (entry.update().isPresent()) {
      Entry.Update update = entry.update().get();
      target.setFullUrl(update.reference()).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(update.reference())
          .setIfMatch(update.version().map(FhirWriter::etag).orElse(null));
    } else {
      target.setFullUrl(EntryIdentity.urn(entry.entryId())).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(type)
          .setIfNoneExist(entry.targetCriteria());
    }
    if (withProvenance && entry.provenance().isPresent()) {
      bundle.addEntry().setResource(entry.provenance().get()).getRequest().setMethod(Bundle.HTTPVerb.POST)
          .setUrl("Provenance").setIfNoneExist(entry.provenanceCriteria());
    }
    HttpResponse<String> response = send(credentials, request(credentials, "")
        .POST(HttpRequest.BodyPublishers.ofString(parser().encodeResourceToString(bundle))));
    if (response.statusCode() / 100 != 2) {
      return entry.update().isPresent() ? updateFailure(credentials, entry, response) : failure(response);
    }
    Bundle answer = parser().parseResource(Bundle.class, response.body());
    return new WriteOutcome.Written(reference(answer.getEntryFirstRep().getResponse().getLocation(), type), skipped);
  }

  private WriteOutcome create(Credentials credentials, Resource resource, String criteria, WritePlan.Mode mode)
      throws IOException, InterruptedException {
    String type = resource.fhirType();
    if (mode == WritePlan.Mode.SEARCH_THEN_CREATE) {
      String narrowed = criteria + patientOf(resource).map(p -> "&patient=" + p).orElse("");
      HttpResponse<String> search = send(credentials, request(credentials, type + "?" + encodedCriteria(narrowed))
          .header("Cache-Control", "no-cache").GET());
      if (search.statusCode() / 100 != 2) {
        return failure(search);
      }
      Bundle found = parser().parseResource(Bundle.class, search.body());
      if (!found.getEntry().isEmpty()) {
        return new WriteOutcome.Written(type + "/" + found.getEntryFirstRep().getResource().getIdPart(),
            Optional.empty());
      }
    }
    HttpRequest.Builder post = request(credentials, type)
        .POST(HttpRequest.BodyPublishers.ofString(parser().encodeResourceToString(resource)));
    if (mode == WritePlan.Mode.CONDITIONAL_CREATE) {
      post.header("If-None-Exist", criteria);
    }
    HttpResponse<String> response = send(credentials, post);
    if (response.statusCode() / 100 != 2) {
      return failure(response);
    }
    return new WriteOutcome.Written(reference(response.headers().firstValue("Location").orElse(""), type),
        Optional.empty());
  }

  /**
   * Replaces the resource with {@code If-Match} on the version the user edited (FHIR R4 §3.1.0.4.1, managing
   * resource contention), so a newer version written by someone else is never overwritten.
   */
  private WriteOutcome update(Credentials credentials, EntryResources entry)
      throws IOException, InterruptedException {
    Entry.Update update = entry.update().orElseThrow();
    Resource target = entry.target().copy();
    target.setId(update.reference());
    HttpRequest.Builder put = request(credentials, update.reference())
        .PUT(HttpRequest.BodyPublishers.ofString(parser().encodeResourceToString(target)));
    update.version().ifPresent(version -> put.header("If-Match", etag(version)));
    HttpResponse<String> response = send(credentials, put);
    if (response.statusCode() / 100 != 2) {
      return updateFailure(credentials, entry, response);
    }
    return new WriteOutcome.Written(update.reference(), Optional.empty());
  }

  /**
   * A version conflict (412; HAPI answers 409) can mean that an earlier attempt of this very update succeeded and
   * only its answer was lost: when the EHR's current version holds what this entry says, the update is done;
   * otherwise someone else's version stands and the user decides.
   */
  private WriteOutcome updateFailure(Credentials credentials, EntryResources entry, HttpResponse<String> response)
      throws IOException, InterruptedException {
    int status = response.statusCode();
    boolean versioned = entry.update().orElseThrow().version().isPresent();
    if (status != 412 && !(status == 409 && versioned)) {
      return failure(response);
    }
    WriteOutcome failure = new WriteOutcome.Conflict("someone else saved a newer version of this record ("
        + status + ")");
    String reference = entry.update().orElseThrow().reference();
    HttpResponse<String> current = send(credentials, request(credentials, reference)
        .header("Cache-Control", "no-cache").GET());
    if (current.statusCode() / 100 == 2 && sameContent(parser().parseResource(current.body()), entry.target())) {
      return new WriteOutcome.Written(reference, Optional.empty());
    }
    return failure;
  }

  private static boolean sameContent(IBaseResource current, Resource ours) {
    if (!(current instanceof Resource resource) || !resource.fhirType().equals(ours.fhirType())) {
      return false;
    }
    Resource theirs = resource.copy();
    Resource mine = ours.copy();
    for (Resource each : List.of(theirs, mine)) {
      each.setId((String) null);
      each.setMeta(null);
      if (each instanceof DomainResource domain) {
        domain.setText(null);
      }
    }
    return theirs.equalsDeep(mine);
  }

  private static String etag(String version) {
    return "W/\"" + version + "\"";
  }

  private HttpRequest.Builder request(Credentials credentials, String path) {
    String base = credentials.fhirBase().toString();
    return HttpRequest.newBuilder(URI.create(base.endsWith("/") ? base + path : base + "/" + path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + credentials.accessToken())
        .header("Accept", FHIR_JSON)
        .header("Content-Type", FHIR_JSON)
        .header("Prefer", "return=minimal");
  }

  private HttpResponse<String> send(Credentials credentials, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Classifies a non-2xx answer (FHIR R4 §3.1.0.4 and RFC 9110 semantics). */
  WriteOutcome failure(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 401) {
      return new WriteOutcome.Unauthorized();
    }
    if (status == 408 || status == 429 || status >= 500 || status == 409) {
      return new WriteOutcome.Retry("EHR answered " + status, retryAfter(response));
    }
    if (status == 412) {
      return new WriteOutcome.Conflict("the EHR holds a different version of this entry (412)");
    }
    return new WriteOutcome.Rejected("the EHR refused the entry (" + interaction(response) + response.statusCode()
        + ")", diagnostics(response));
  }

  /** The refused interaction in words without content, e.g. {@code POST QuestionnaireResponse, }. */
  private static String interaction(HttpResponse<String> response) {
    return java.util.Arrays.stream(response.request().uri().getPath().split("/"))
        .filter(segment -> !segment.isEmpty() && Character.isUpperCase(segment.charAt(0))).findFirst()
        .map(type -> response.request().method() + " " + type + ", ").orElse("");
  }

  private Optional<String> diagnostics(HttpResponse<String> response) {
    Optional<String> diagnostics = Optional.empty();
    try {
      OperationOutcome outcome = parser().parseResource(OperationOutcome.class, response.body());
      diagnostics = outcome.getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
          .filter(d -> d != null && !d.isBlank()).findFirst();
    } catch (RuntimeException notAnOutcome) {
      // a body that is not an OperationOutcome leaves only the status to explain the rejection
    }
    return diagnostics;
  }

  /** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
  private Optional<Duration> retryAfter(HttpResponse<String> response) {
    return response.headers().firstValue("Retry-After").map(String::trim).flatMap(value -> {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException notSeconds) {
        return httpDate(value);
      }
    });
  }

  private Optional<Duration> httpDate(String value) {
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }

  /** Search criteria {@code name=value&…} with every value percent-encoded (RFC 3986 query component). */
  private static String encodedCriteria(String criteria) {
    StringBuilder encoded = new StringBuilder();
    for (String pair : criteria.split("&")) {
      int equals = pair.indexOf('=');
      encoded.append(encoded.isEmpty() ? "" : "&").append(pair, 0, equals + 1)
          .append(URLEncoder.encode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return encoded.toString();
  }

  /** {@code Observation/123} from a Location such as {@code http://ehr/fhir/Observation/123/_history/1}. */
  static String reference(String location, String type) {
    String path = location.replaceFirst("/_history/.*$", "");
    int at = path.lastIndexOf(type + "/");
    return at < 0 ? type : path.substring(at);
  }

  private IParser parser() {
    return fhir.newJsonParser();
  }
}
