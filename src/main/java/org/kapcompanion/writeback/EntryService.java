package org.kapcompanion.writeback;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.launch.AppSession;
import org.kapcompanion.store.Hashes;

/**
 * Saves entries made in a session: adds the Provenance of the save, validates what the user entered, and commits it
 * to the outbox before the page is told it is safe; the sender validates the Provenance and takes it from there.
 */
final class EntryService implements EntrySaver {

  private final ResourceValidator validator;
  private final Outbox outbox;
  private final Runnable sendSoon;
  private final Clock clock;

  EntryService(ResourceValidator validator, Outbox outbox, Runnable sendSoon, Clock clock) {
    this.validator = validator;
    this.outbox = outbox;
    this.sendSoon = sendSoon;
    this.clock = clock;
  }

  @Override
  public SaveResult save(ActiveSession active, Entry entry) {
    EntryResources resources = EntryResources.of(entry, context(active), clock.instant());
    List<ValidationProblem> problems = new ArrayList<>(blocking(resources.target()));
    entry.fallback().flatMap(Entry.Fallback::alternative).ifPresent(alternative -> problems.addAll(blocking(alternative)));
    if (!problems.isEmpty()) {
      return new SaveResult.Invalid(problems);
    }
    boolean stored = outbox.enqueue(destination(active), resources, entry.kind());
    sendSoon.run();
    return new SaveResult.Accepted(entry.entryId(), !stored);
  }

  @Override
  public List<Resource> unsent(ActiveSession active) {
    return outbox.unsent(destination(active).ownerHash());
  }

  @Override
  public Optional<Entry> failed(ActiveSession active, String entryId) {
    return outbox.failed(Hashes.sha256(active.handle()), entryId);
  }

  @Override
  public boolean discardFailed(ActiveSession active, String entryId) {
    return outbox.discardFailed(Hashes.sha256(active.handle()), entryId);
  }

  /** Entries of this user and patient held back by an earlier, ended session move to this one. */
  void adoptWaiting(ActiveSession active) {
    Outbox.Destination destination = destination(active);
    if (outbox.adopt(destination.ownerHash(), destination.sessionHash()) > 0) {
      sendSoon.run();
    }
  }

  List<Outbox.EntryStatus> statuses(ActiveSession active) {
    return outbox.statuses(Hashes.sha256(active.handle()));
  }

  boolean retry(ActiveSession active, String entryId) {
    boolean retried = outbox.retryFailed(Hashes.sha256(active.handle()), entryId);
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

  private static Outbox.Destination destination(ActiveSession active) {
    AppSession session = active.session();
    String owner = String.join("|", session.tenantId(), session.fhirBase().toString(),
        session.fhirUser().orElse(""), session.context().patientId().orElse(""));
    return new Outbox.Destination(session.tenantId(), Hashes.sha256(active.handle()), Hashes.sha256(owner));
  }
}
