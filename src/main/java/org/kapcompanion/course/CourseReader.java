package org.kapcompanion.course;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.config.CourseRules;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.launch.AppSession;
import org.kapcompanion.launch.EhrClients;
import org.kapcompanion.launch.SessionTokens;
import org.kapcompanion.record.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a patient's course in one round of parallel FHIR searches (one per {@link CoursePart}), refreshing the access
 * token once when the EHR rejects it; a part that fails becomes a problem in its own place on the page.
 */
public final class CourseReader {

  private static final Logger LOG = LoggerFactory.getLogger(CourseReader.class);

  private final FhirContext fhir;
  private final CourseMapper mapper;
  private final ExecutorService reads;
  private final SessionTokens tokens;
  private final Clock clock;

  public CourseReader(FhirContext fhir, CourseRules rules, ExecutorService reads, SessionTokens tokens, Clock clock) {
    this.fhir = fhir;
    this.mapper = new CourseMapper(rules, clock.getZone());
    this.reads = reads;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** The reads under way; {@link Pending#course()} waits for them on the caller's thread. */
  public final class Pending {
    private final ActiveSession active;
    private final String patientId;
    private final Map<CoursePart, CompletableFuture<Section<List<Resource>>>> parts;

    private Pending(ActiveSession active, String patientId) {
      this.active = active;
      this.patientId = patientId;
      this.parts = start(active.session(), patientId);
    }

    /** The course, or empty when the EHR no longer accepts the session's sign-in. */
    public Optional<Course> course() {
      Optional<Map<CoursePart, Section<List<Resource>>>> read = join(parts);
      if (read.isEmpty()) {
        read = tokens.refresh(active.handle(), active.session()).flatMap(session -> join(start(session, patientId)));
      }
      return read.map(done -> mapper.map(done, LocalDate.now(clock)));
    }
  }

  /** Starts reading the course of {@code patientId}. */
  public Pending start(ActiveSession active, String patientId) {
    return new Pending(active, patientId);
  }

  /**
   * Reads only the course's informed consent, for the pre-dose checklist's updates and save; a refused access token
   * is refreshed once, and a read that still fails says so (the checklist then asks for today's confirmation).
   */
  public Section<CourseConsent> consent(ActiveSession active, String patientId) {
    Section<List<Resource>> read = readConsents(active.session(), patientId)
        .or(() -> tokens.refresh(active.handle(), active.session())
            .flatMap(session -> readConsents(session, patientId)))
        .orElse(Section.unavailable("The EHR no longer accepts this sign-in."));
    return mapper.consent(read, LocalDate.now(clock));
  }

  /** The patient's Consent resources, or empty when the EHR refused the access token. */
  private Optional<Section<List<Resource>>> readConsents(AppSession session, String patientId) {
    try {
      return Optional.of(read(EhrClients.forSession(fhir, session), CoursePart.CONSENTS,
          CoursePart.CONSENTS.url(patientId)));
    } catch (AuthenticationException e) {
      return Optional.empty();
    }
  }

  private Map<CoursePart, CompletableFuture<Section<List<Resource>>>> start(AppSession session, String patientId) {
    IGenericClient client = EhrClients.forSession(fhir, session);
    Map<CoursePart, CompletableFuture<Section<List<Resource>>>> pending = new EnumMap<>(CoursePart.class);
    for (CoursePart part : CoursePart.values()) {
      pending.put(part, CompletableFuture.supplyAsync(() -> read(client, part, part.url(patientId)), reads));
    }
    return pending;
  }

  /** The parts, or empty when the EHR refused the access token. */
  private static Optional<Map<CoursePart, Section<List<Resource>>>> join(
      Map<CoursePart, CompletableFuture<Section<List<Resource>>>> pending) {
    Map<CoursePart, Section<List<Resource>>> results = new EnumMap<>(CoursePart.class);
    boolean refused = false;
    for (Map.Entry<CoursePart, CompletableFuture<Section<List<Resource>>>> entry : pending.entrySet()) {
      try {
        results.put(entry.getKey(), entry.getValue().join());
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof AuthenticationException)) {
          throw e;
        }
        refused = true;
      }
    }
    return refused ? Optional.empty() : Optional.of(results);
  }

  private static Section<List<Resource>> read(IGenericClient client, CoursePart part, String url) {
    try {
      Bundle first = client.search().byUrl(url).returnBundle(Bundle.class).execute();
      return Section.loaded(EhrClients.everyPage(client, first).getEntry().stream()
          .filter(Bundle.BundleEntryComponent::hasResource).map(Bundle.BundleEntryComponent::getResource).toList());
    } catch (AuthenticationException e) {
      throw e;
    } catch (BaseServerResponseException e) {
      LOG.warn("course part {} failed with HTTP {}", part, e.getStatusCode());
      return Section.unavailable(e.getStatusCode() == 403
          ? "The EHR did not allow KAP Companion to read this." : "The EHR could not provide this just now.");
    } catch (RuntimeException e) {
      LOG.warn("course part {} failed: {}", part, e.getClass().getName());
      return Section.unavailable("The EHR could not provide this just now.");
    }
  }
}
