package org.kapcompanion.review;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Task;
import org.kapcompanion.launch.EhrClients;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.launch.ActiveSession;

/**
 * Reads one page of the review queue: across patients, one search of the review Tasks (sorted, paged and with the
 * sessions, patients and people included by the EHR); for one patient, their latest sessions read and ordered here.
 */
final class ReviewQueue {

  /** The sessions discharged on a prescriber's override that no supervisor has reviewed yet. */
  private static final String OVERRIDDEN = "Task?_profile=" + KapUrls.REVIEW_TASK_PROFILE + "&_tag="
      + ReviewReason.SYSTEM + "|" + ReviewReason.DISCHARGE_OVERRIDE.code() + "&status=requested&_count=20"
      + "&_include=Task:focus&_include=Task:patient&_include=Task:requester";
  private static final String THERAPISTS = "Practitioner?_count=200&_sort=family&_elements=name";

  private final ReviewEhr ehr;
  private final SessionFactsReader reader;
  private final ZoneId zone;

  ReviewQueue(ReviewEhr ehr, SessionFactsReader reader, ZoneId zone) {
    this.ehr = ehr;
    this.reader = reader;
    this.zone = zone;
  }

  /**
   * The queue over every patient: three searches in parallel (the Tasks, the therapists to filter by, and on the
   * first page the sessions discharged on a prescriber's override still awaiting review, which go first).
   */
  QueueView allPatients(ActiveSession active, QueueFilter filter, Optional<String> notice) {
    CompletableFuture<Bundle> tasks = ehr.search(active, filter.taskSearch(zone) + "&_include=Task:owner");
    CompletableFuture<Bundle> therapists = ehr.search(active, THERAPISTS);
    Optional<CompletableFuture<Bundle>> overridden = filter.page() == 1 && filter.status() != QueueFilter.Status.REVIEWED
        ? Optional.of(ehr.search(active, OVERRIDDEN)) : Optional.empty();
    Bundle page = EhrClients.await(tasks);
    List<org.hl7.fhir.r4.model.Resource> people = new ArrayList<>(resources(page));
    Map<String, Encounter> sessions = new LinkedHashMap<>();
    List<ReviewEntry> entries = new ArrayList<>();
    collect(page, sessions, entries);
    if (overridden.isPresent()) {
      Bundle first = EhrClients.await(overridden.get());
      people.addAll(resources(first));
      List<ReviewEntry> pinned = new ArrayList<>();
      collect(first, sessions, pinned);
      pinned.removeIf(entry -> !filter.matches(entry, zone));
      entries.removeIf(entry -> pinned.stream().anyMatch(p -> p.encounterId().equals(entry.encounterId())));
      entries.addAll(0, pinned);
    }
    PersonNames names = PersonNames.in(people);
    List<QueueView.Row> rows = entries.stream().map(e -> row(e, sessions, names)).toList();
    return view(filter, rows, page.getTotal(), true, EhrClients.await(therapists), notice);
  }

  private static List<org.hl7.fhir.r4.model.Resource> resources(Bundle bundle) {
    return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(r -> r != null).toList();
  }

  private static void collect(Bundle page, Map<String, Encounter> sessions, List<ReviewEntry> entries) {
    for (Bundle.BundleEntryComponent entry : page.getEntry()) {
      if (entry.getResource() instanceof Encounter encounter) {
        sessions.put(encounter.getIdElement().getIdPart(), encounter);
      } else if (entry.getResource() instanceof Task task
          && entry.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE) {
        entries.add(ReviewTasks.entryOf(task));
      }
    }
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
        entry.reasons().stream().sorted().map(ReviewReason::label).toList(),
        entry.status().label(),
        entry.status().code(),
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
      attentions.add(new QueueView.Option(reason.code(), reason.label(), attention.equals(reason.code())));
    }
    return new QueueView(rows, total, filter.page(), pages, allPatients,
        filter.from().map(Object::toString).orElse(""), filter.to().map(Object::toString).orElse(""),
        therapists, statuses, attentions,
        filter.page() > 1 ? Optional.of(filter.onPage(filter.page() - 1).queryString()) : Optional.empty(),
        filter.page() < pages ? Optional.of(filter.onPage(filter.page() + 1).queryString()) : Optional.empty(),
        notice);
  }
}
