package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Replaces an entry's references to other entries of the app ({@code urn:uuid:<entryId>}) with the references the
 * EHR gave them when they were written. Entries of a session are delivered in order, so the ones referred to are
 * normally written first; an entry whose reference is still waiting is held back.
 */
final class EntryReferences {

  /** Where the entry a reference points to stands. */
  sealed interface Standing {

    /**
     * The EHR holds it at {@code reference}, e.g. {@code Encounter/123}; an empty reference when the entry was
     * skipped because the EHR does not take it (its fallback wrote nothing).
     */
    record Written(String reference) implements Standing {}

    /** Still in the outbox. */
    record Waiting() implements Standing {}

    /** Neither in the outbox nor confirmed (or its receipt has expired). */
    record Unknown() implements Standing {}
  }

  /** The entry ready to send, or why it cannot be sent yet. */
  sealed interface Resolution {

    record Resolved(EntryResources entry) implements Resolution {}

    /** Refers to {@code entryId}, which the EHR has not confirmed yet. */
    record Waiting(String entryId) implements Resolution {}

    /** Refers to {@code entryId}, which this app does not know. */
    record Unknown(String entryId) implements Resolution {}
  }

  private final FhirTerser terser;

  EntryReferences(FhirContext fhir) {
    this.terser = fhir.newTerser();
  }

  /** The entry with every reference to another entry resolved through {@code standing}. */
  Resolution resolve(EntryResources entry, Function<String, Standing> standing) {
    Resource target = entry.target().copy();
    Optional<Provenance> provenance = entry.provenance().map(Provenance::copy);
    Optional<Entry.Fallback> fallback = entry.fallback().map(f -> new Entry.Fallback(
        f.alternative().map(Resource::copy), f.note()));
    Optional<Resolution> blocked = resolveIn(target, entry.entryId(), standing)
        .or(() -> provenance.flatMap(p -> resolveIn(p, entry.entryId(), standing)))
        .or(() -> fallback.flatMap(Entry.Fallback::alternative).flatMap(a -> resolveIn(a, entry.entryId(), standing)));
    if (blocked.isPresent()) {
      return blocked.get();
    }
    Optional<Entry.Update> update = entry.update();
    if (update.isPresent() && EntryIdentity.isEntryReference(update.get().reference())) {
      Reference replaced = new Reference(update.get().reference());
      Optional<Resolution> updateBlocked = resolveOne(replaced, entry.entryId(), standing);
      if (updateBlocked.isPresent()) {
        return updateBlocked.get();
      }
      update = Optional.of(new Entry.Update(replaced.getReference(), update.get().version()));
    }
    return new Resolution.Resolved(new EntryResources(entry.entryId(), target, provenance, update, fallback));
  }

  private Optional<Resolution> resolveIn(Resource resource, String ownId, Function<String, Standing> standing) {
    for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
      Optional<Resolution> blocked = resolveOne(reference, ownId, standing);
      if (blocked.isPresent()) {
        return blocked;
      }
    }
    return Optional.empty();
  }

  private static Optional<Resolution> resolveOne(Reference reference, String ownId,
      Function<String, Standing> standing) {
    String value = reference.getReference();
    if (!EntryIdentity.isEntryReference(value) || EntryIdentity.entryIdOf(value).equals(ownId)) {
      return Optional.empty();
    }
    String other = EntryIdentity.entryIdOf(value);
    Standing state = standing.apply(other);
    if (state instanceof Standing.Written written) {
      reference.setReference(written.reference().isEmpty() ? null : written.reference());
      if (written.reference().isEmpty() && !reference.hasDisplay()) {
        reference.setDisplay("not written to this EHR, which does not accept it");
      }
      return Optional.empty();
    }
    return Optional.of(state instanceof Standing.Waiting ? new Resolution.Waiting(other)
        : new Resolution.Unknown(other));
  }
}
