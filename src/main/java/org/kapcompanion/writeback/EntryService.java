package org.kapcompanion.writeback;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.store.Hashes;

/**
 * Saves entries made in a session: adds the Provenance of the save, validates what the user entered, and commits it
 * to the outbox before the page is told it is safe — only once its stored form is known to read back; the sender
 * validates the Provenance and takes it from there.
 */
final class EntryService implements EntrySaver {

  private final ResourceValidator validator;
  private final Outbox outbox;
  private final SessionEntries sessionEntries;
  private final FailedEntries failedEntries;
  private final CheckedSaves checkedSaves;
  private final Runnable sendSoon;
  private final Clock clock;

  EntryService(ResourceValidator validator, Outbox outbox, SessionEntries sessionEntries, FailedEntries failedEntries,
      CheckedSaves checkedSaves, Runnable sendSoon, Clock clock) {
    this.validator = validator;
    this.outbox = outbox;
    this.sessionEntries = sessionEntries;
    this.failedEntries = failedEntries;
    this.checkedSaves = checkedSaves;
    this.sendSoon = sendSoon;
    this.clock = clock;
  }

  @Override
  public SaveResult save(ActiveSession active, Entry entry) {
    EntryResources resources = EntryResources.of(entry, context(active), clock.instant());
    return invalid(entry, resources).orElseGet(() ->
        result(entry, resources, outbox.enqueue(destination(active), resources, entry.kind())));
  }

  @Override
  public <R> CheckedSave<R> saveChecked(ActiveSession active, Entry entry, ResourceType type, SaveCheck<R> check) {
    EntryResources resources = EntryResources.of(entry, context(active), clock.instant());
    Optional<SaveResult> invalid = invalid(entry, resources);
    if (invalid.isPresent()) {
      return new CheckedSave.Saved<>(invalid.get());
    }
    CheckedSaves.Outcome<R> outcome = checkedSaves.store(destination(active), resources, entry.kind(), type, check);
    if (outcome instanceof CheckedSaves.Outcome.Refused<R> refused) {
      return new CheckedSave.Refused<>(refused.reason());
    }
    return new CheckedSave.Saved<>(result(entry, resources, ((CheckedSaves.Outcome.Stored<R>) outcome).stored()));
  }

  /** The validator's blocking problems with the entry's target and its fallback, if any. */
  private Optional<SaveResult> invalid(Entry entry, EntryResources resources) {
    List<ValidationProblem> problems = new ArrayList<>(blocking(resources.target()));
    entry.fallback().flatMap(Entry.Fallback::alternative).ifPresent(alternative -> problems.addAll(blocking(alternative)));
    return problems.isEmpty() ? Optional.empty() : Optional.of(new SaveResult.Invalid(problems));
  }

  /** What storing the entry came to for the page; a stored entry is sent soon. */
  private SaveResult result(Entry entry, EntryResources resources, Outbox.Stored stored) {
    if (stored == Outbox.Stored.UNREADABLE) {
      return new SaveResult.Invalid(List.of(outbox.unstorable(resources)));
    }
    sendSoon.run();
    return new SaveResult.Accepted(entry.entryId(), stored == Outbox.Stored.DUPLICATE);
  }

  @Override
  public List<Resource> unsent(ActiveSession active, Set<ResourceType> types) {
    return sessionEntries.unsent(destination(active).ownerHash(), types);
  }

  @Override
  public List<Resource> undelivered(ActiveSession active, ResourceType type) {
    return sessionEntries.undelivered(destination(active).patientHash(), type);
  }

  @Override
  public Optional<Entry> failed(ActiveSession active, String entryId) {
    return sessionEntries.failed(Hashes.sha256(active.handle()), entryId);
  }

  @Override
  public boolean discardFailed(ActiveSession active, String entryId) {
    return failedEntries.discardFailed(Hashes.sha256(active.handle()), entryId);
  }

  /** Entries of this user and patient held back by an earlier, ended session move to this one. */
  void adoptWaiting(ActiveSession active) {
    Outbox.Destination destination = destination(active);
    if (outbox.adopt(destination.ownerHash(), destination.sessionHash()) > 0) {
      sendSoon.run();
    }
  }

  List<SessionEntries.EntryStatus> statuses(ActiveSession active) {
    return sessionEntries.statuses(Hashes.sha256(active.handle()));
  }

  boolean retry(ActiveSession active, String entryId) {
    boolean retried = failedEntries.retryFailed(Hashes.sha256(active.handle()), entryId);
    sendSoon.run();
    return retried;
  }

  private List<ValidationProblem> blocking(Resource resource) {
    ValidationResult result = validator.validate(resource);
    return result instanceof ValidationResult.Invalid invalid ? invalid.errors() : List.of();
  }

  private static EntryContext context(ActiveSession active) {
    AppSession session = active.session();
    return new EntryContext(session.context().patientId().orElseThrow(), session.context().encounterId(),
        session.fhirUser());
  }

  /**
   * Where the entries of {@code active} go: its tenant, its session, its owner (user and patient) and its patient, by
   * hash.
   */
  static Outbox.Destination destination(ActiveSession active) {
    AppSession session = active.session();
    String patient = session.context().patientId().orElse("");
    String owner = String.join("|", session.tenantId(), session.fhirBase().toString(),
        session.fhirUser().orElse(""), patient);
    return new Outbox.Destination(session.tenantId(), Hashes.sha256(active.handle()), Hashes.sha256(owner),
        Hashes.sha256(String.join("|", session.tenantId(), session.fhirBase().toString(), patient)));
  }
}
