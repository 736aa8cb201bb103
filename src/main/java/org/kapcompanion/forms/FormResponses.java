package org.kapcompanion.forms;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.session.EhrClients;
import org.kapcompanion.writeback.Entry;
import org.kapcompanion.writeback.EntrySaver;
import org.kapcompanion.writeback.SaveResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a form's answers as a new QuestionnaireResponse entry through write-back, and picks the latest saved response
 * of a form from what the EHR returned and what is still waiting to be sent, so a reopened page shows it.
 */
public final class FormResponses {

  private static final Logger LOG = LoggerFactory.getLogger(FormResponses.class);

  private final FhirContext fhir;
  private final ExecutorService reads;
  private final EntrySaver entries;
  private final Clock clock;

  public FormResponses(FhirContext fhir, ExecutorService reads, EntrySaver entries, Clock clock) {
    this.fhir = fhir;
    this.reads = reads;
    this.entries = entries;
    this.clock = clock;
  }

  /**
   * Saves the answers as a new response of the form by the signed-in user, in the launch encounter.
   *
   * @param entryId the entry identifier the page made once for this save, resent unchanged on retry
   * @param complete whether the form is complete: {@code completed}, else {@code in-progress} (a draft)
   * @param kind the entry kind for operators, e.g. {@code predose-checklist}
   */
  public SaveResult save(ActiveSession active, QuestionnaireForm form, Answers answers, String entryId,
      boolean complete, String kind) {
    AppSession session = active.session();
    ResponseMapper.Context context = new ResponseMapper.Context(entryId,
        "Patient/" + session.context().patientId().orElseThrow(),
        session.context().encounterId().map(id -> "Encounter/" + id), session.fhirUser(),
        Date.from(clock.instant()), complete);
    return entries.save(active, Entry.create(entryId, kind, ResponseMapper.toResponse(form, answers, context)));
  }

  /** Starts reading the patient's saved responses: those on the EHR, on the shared read threads. */
  public Saved saved(ActiveSession active, String patientId) {
    IGenericClient client = EhrClients.forSession(fhir, active);
    return new Saved(CompletableFuture.supplyAsync(() -> fromEhr(client, patientId), reads),
        () -> entries.unsent(active, Set.of(ResourceType.QuestionnaireResponse)), clock.getZone());
  }

  /**
   * A patient's saved responses: those the EHR holds (being read) and those of the session not yet sent, read from the
   * store once for the page that asks.
   */
  public static final class Saved {
    private final CompletableFuture<Optional<List<Resource>>> onEhr;
    private final Supplier<List<Resource>> unsent;
    private final ZoneId zone;
    private List<Resource> unsentRead;

    Saved(CompletableFuture<Optional<List<Resource>>> onEhr, Supplier<List<Resource>> unsent, ZoneId zone) {
      this.onEhr = onEhr;
      this.unsent = unsent;
      this.zone = zone;
    }

    /** The latest response to {@code form}, authored on {@code day} when given; waits for the EHR's answer. */
    public Optional<QuestionnaireResponse> latest(QuestionnaireForm form, Optional<LocalDate> day) {
      List<Resource> candidates = new ArrayList<>(onEhr.join().orElse(List.of()));
      candidates.addAll(unsent());
      return FormResponses.latest(form.canonical(), candidates, day, zone);
    }

    private synchronized List<Resource> unsent() {
      if (unsentRead == null) {
        unsentRead = unsent.get();
      }
      return unsentRead;
    }

    /**
     * Whether no response to {@code form} (on {@code day} when given) is known and the EHR could not give the saved
     * ones, so "nothing saved" would not be true: the pages then say earlier answers could not be read (H-SAF-10).
     */
    public boolean noneKnownAndEhrUnread(QuestionnaireForm form, Optional<LocalDate> day) {
      return latest(form, day).isEmpty() && onEhr.join().isEmpty();
    }
  }

  /** The patient's QuestionnaireResponses on the EHR, newest first; empty when the EHR cannot provide them. */
  static Optional<List<Resource>> fromEhr(IGenericClient client, String patientId) {
    try {
      Bundle bundle = client.search().byUrl("QuestionnaireResponse?subject=Patient/" + patientId
          + "&_sort=-authored&_count=100").returnBundle(Bundle.class).execute();
      return Optional.of(bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList());
    } catch (RuntimeException e) {
      LOG.warn("reading saved QuestionnaireResponses failed: {}", e.getClass().getName());
      return Optional.empty();
    }
  }

  /**
   * The most recently authored response to the form among {@code candidates} (other resources are ignored), only
   * from {@code day} in the clinic's zone when given. Pure.
   */
  public static Optional<QuestionnaireResponse> latest(String canonical, Collection<? extends Resource> candidates,
      Optional<LocalDate> day, ZoneId zone) {
    return candidates.stream()
        .filter(QuestionnaireResponse.class::isInstance).map(QuestionnaireResponse.class::cast)
        .filter(response -> canonical.equals(response.getQuestionnaire()) && response.getAuthored() != null)
        .filter(response -> day.map(d -> d.equals(response.getAuthored().toInstant().atZone(zone).toLocalDate()))
            .orElse(true))
        .max(Comparator.comparing(QuestionnaireResponse::getAuthored));
  }
}
