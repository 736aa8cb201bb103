package org.kapcompanion.review;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.session.EhrClients;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.vocabulary.ReviewReason;

/**
 * Reads one page of the review queue: across patients, a page of the app's own index with the sessions, patients and
 * therapists read from the EHR by id; for one patient, their latest sessions read from the EHR and ordered here.
 */
final class ReviewQueue {

  private static final String THERAPISTS = "Practitioner?_count=200&_sort=family&_elements=name";

  private final ReviewEhr ehr;
  private final SessionFactsReader reader;
  private final SessionIndex index;
  private final ZoneId zone;

  ReviewQueue(ReviewEhr ehr, SessionFactsReader reader, SessionIndex index, ZoneId zone) {
    this.ehr = ehr;
    this.reader = reader;
    this.index = index;
    this.zone = zone;
  }

  /**
   * The queue over every patient: the page of the index the filter asks for, then in parallel its sessions with their
   * patients and therapists, its reviewers, and the therapists to filter by, each read by id in one search.
   */
  QueueView allPatients(ActiveSession active, QueueFilter filter, Optional<String> notice) {
    CompletableFuture<Bundle> therapists = ehr.search(active, THERAPISTS);
    SessionIndex.Page page = index.page(active.session().tenantId(), filter, zone);
    CompletableFuture<Bundle> sessions = byIds(active, "Encounter", page.entries().stream()
        .map(ReviewEntry::encounterId), "&_include=Encounter:patient&_include=Encounter:participant");
    CompletableFuture<Bundle> reviewers = byIds(active, "Practitioner", page.entries().stream()
        .flatMap(entry -> entry.reviewer().stream()).map(reference -> reference.substring("Practitioner/".length())),
        "&_elements=name");
    Bundle found = EhrClients.await(sessions);
    Map<String, Encounter> encounters = new HashMap<>();
    List<Resource> people = new ArrayList<>(EhrClients.await(reviewers).getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource).toList());
    for (Bundle.BundleEntryComponent entry : found.getEntry()) {
      if (entry.getResource() instanceof Encounter encounter) {
        encounters.put(encounter.getIdElement().getIdPart(), encounter);
      } else if (entry.getResource() != null) {
        people.add(entry.getResource());
      }
    }
    PersonNames names = PersonNames.in(people);
    List<QueueView.Row> rows = page.entries().stream().map(e -> row(e, encounters, names)).toList();
    return view(filter, rows, page.total(), true, EhrClients.await(therapists), notice);
  }

  /** One search of resources of {@code type} by id; an empty Bundle without asking when there are none. */
  private CompletableFuture<Bundle> byIds(ActiveSession active, String type, Stream<String> ids, String more) {
    List<String> distinct = ids.distinct().toList();
    return distinct.isEmpty() ? CompletableFuture.completedFuture(new Bundle()) : ehr.search(active, type + "?_id="
        + String.join(",", distinct) + more + "&_count=" + distinct.size());
  }

  /** The launched patient's latest sessions, filtered and ordered like the queue. */
  QueueView onePatient(ActiveSession active, String patientId, QueueFilter filter) {
    CompletableFuture<Bundle> therapists = ehr.search(active, THERAPISTS);
    SessionFactsReader.Read read = reader.byPatient(active, patientId);
    List<ReviewEntry> matching = read.facts().stream().map(f -> ReviewEntry.of(f, Optional.empty()))
        .filter(entry -> filter.matches(entry, zone))
        .sorted(Comparator.comparing((ReviewEntry entry) -> !entry.overridden())
            .thenComparing((ReviewEntry entry) -> !entry.urgent())
            .thenComparing(ReviewEntry::start, Comparator.reverseOrder()))
        .toList();
    int from = Math.min(matching.size(), (filter.page() - 1) * QueueFilter.PAGE_SIZE);
    List<QueueView.Row> rows = matching.subList(from, Math.min(matching.size(), from + QueueFilter.PAGE_SIZE))
        .stream().map(e -> row(e, read.encounters(), read.names())).toList();
    return view(filter, rows, matching.size(), false, EhrClients.await(therapists), Optional.empty());
  }

  private QueueView.Row row(ReviewEntry entry, Map<String, Encounter> sessions, PersonNames names) {
    Optional<Encounter> session = Optional.ofNullable(sessions.get(entry.encounterId()));
    return new QueueView.Row(
        entry.encounterId(),
        names.of("Patient/" + entry.patientId(), "Patient not found"),
        names.of(entry.therapist(), "Not recorded"),
        session.map(SessionTimeline::sessionTitle).orElse("Session not found"),
        ReviewText.dayTime(entry.start(), zone),
        session.map(SessionTimeline::statusLabel).orElse("—"),
        entry.reasons().stream().sorted().map(ReviewReason::display).toList(),
        entry.status().display(),
        entry.status().value(),
        entry.reviewer().map(reviewer -> names.of(reviewer, "A supervisor")
            + entry.reviewedAt().map(at -> ", " + ReviewText.dayTime(at, zone)).orElse("")));
  }

  private static QueueView view(QueueFilter filter, List<QueueView.Row> rows, int total, boolean allPatients,
      Bundle practitioners, Optional<String> notice) {
    int pages = Math.max(1, (total + QueueFilter.PAGE_SIZE - 1) / QueueFilter.PAGE_SIZE);
    List<QueueView.Option> therapists = new ArrayList<>();
    therapists.add(new QueueView.Option("", "Any therapist", filter.therapist().isEmpty()));
    for (Bundle.BundleEntryComponent entry : practitioners.getEntry()) {
      if (entry.getResource() instanceof Practitioner practitioner) {
        String id = practitioner.getIdElement().getIdPart();
        therapists.add(new QueueView.Option(id, PersonNames.display(practitioner.getName()),
            filter.therapist().equals(Optional.of(id))));
      }
    }
    List<QueueView.Option> statuses = Arrays.stream(QueueFilter.Status.values())
        .map(s -> new QueueView.Option(s.code(), s.label(), s == filter.status())).toList();
    String attention = filter.attention().map(QueueFilter.Attention::code).orElse("");
    List<QueueView.Option> attentions = new ArrayList<>();
    attentions.add(new QueueView.Option("", "Every session", attention.isEmpty()));
    attentions.add(new QueueView.Option("any", "Needing attention (any reason)", attention.equals("any")));
    for (ReviewReason reason : ReviewReason.values()) {
      attentions.add(new QueueView.Option(reason.value(), reason.display(), attention.equals(reason.value())));
    }
    return new QueueView(rows, total, filter.page(), pages, allPatients,
        filter.from().map(Object::toString).orElse(""), filter.to().map(Object::toString).orElse(""),
        therapists, statuses, attentions,
        filter.page() > 1 ? Optional.of(filter.onPage(filter.page() - 1).queryString()) : Optional.empty(),
        filter.page() < pages ? Optional.of(filter.onPage(filter.page() + 1).queryString()) : Optional.empty(),
        notice);
  }
}
