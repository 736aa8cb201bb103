package org.kapcompanion.course;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.config.CourseRules;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.EhrClients;
import org.kapcompanion.record.Section;

/**
 * Reads a patient's course in one round of parallel FHIR searches (one per {@link CoursePart}); a part that fails
 * becomes a problem in its own place on the page.
 */
public final class CourseReader {

  private final FhirContext fhir;
  private final CourseMapper mapper;
  private final ExecutorService reads;
  private final Clock clock;

  public CourseReader(FhirContext fhir, CourseRules rules, ExecutorService reads, Clock clock) {
    this.fhir = fhir;
    this.mapper = new CourseMapper(rules, clock.getZone());
    this.reads = reads;
    this.clock = clock;
  }

  /** The reads under way; {@link Pending#course()} waits for them on the caller's thread. */
  public final class Pending {
    private final Map<CoursePart, CompletableFuture<Section<List<Resource>>>> parts =
        new EnumMap<>(CoursePart.class);

    private Pending(ActiveSession active, String patientId) {
      IGenericClient client = EhrClients.forSession(fhir, active);
      for (CoursePart part : CoursePart.values()) {
        parts.put(part, CompletableFuture.supplyAsync(() -> read(client, part, part.url(patientId)), reads));
      }
    }

    /** The course; a sign-in the EHR no longer accepts is thrown, for the page's EHR failure answer. */
    public Course course() {
      Map<CoursePart, Section<List<Resource>>> read = new EnumMap<>(CoursePart.class);
      parts.forEach((part, pending) -> read.put(part, EhrClients.await(pending)));
      return mapper.map(read, LocalDate.now(clock));
    }
  }

  /** Starts reading the course of {@code patientId}. */
  public Pending start(ActiveSession active, String patientId) {
    return new Pending(active, patientId);
  }

  /**
   * The course of {@code patientId} for a save that must not be lost: empty when the EHR no longer accepts the
   * session's sign-in, so the save goes ahead with the course unread.
   */
  public Optional<Course> courseForSave(ActiveSession active, String patientId) {
    try {
      return Optional.of(start(active, patientId).course());
    } catch (AuthenticationException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads only the course's informed consent, for the pre-dose checklist's updates and save; a read that fails, even
   * for a sign-in the EHR no longer accepts, says so (the checklist then asks for today's confirmation).
   */
  public Section<CourseConsent> consent(ActiveSession active, String patientId) {
    Section<List<Resource>> read;
    try {
      read = read(EhrClients.forSession(fhir, active), CoursePart.CONSENTS, CoursePart.CONSENTS.url(patientId));
    } catch (AuthenticationException e) {
      read = Section.unavailable("The EHR no longer accepts this sign-in.");
    }
    return mapper.consent(read, LocalDate.now(clock));
  }

  private static Section<List<Resource>> read(IGenericClient client, CoursePart part, String url) {
    try {
      Bundle first = client.search().byUrl(url).returnBundle(Bundle.class).execute();
      return Section.loaded(EhrClients.everyPage(client, first).getEntry().stream()
          .filter(Bundle.BundleEntryComponent::hasResource).map(Bundle.BundleEntryComponent::getResource).toList());
    } catch (AuthenticationException e) {
      throw e;
    } catch (RuntimeException e) {
      return Section.unreadable("course part " + part, e);
    }
  }
}
