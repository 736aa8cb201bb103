package org.kapcompanion.writeback;

import java.time.Instant;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;

/**
 * What one entry writes: its target resource and the Provenance of the save, and for an update the resource it
 * replaces. Stored in the outbox as a collection Bundle (an update's target entry carries its PUT request).
 *
 * @param entryId the entry identifier, a UUID made once when the user created the entry
 * @param target the clinical resource
 * @param provenance the save's Provenance, targeting {@code urn:uuid:<entryId>}
 * @param update present when the target replaces an existing resource
 */
record EntryResources(String entryId, Resource target, Optional<Provenance> provenance,
    Optional<Entry.Update> update) {

  /** The entry with the Provenance of its save by the user in {@code context}, recorded at {@code recorded}. */
  static EntryResources of(Entry entry, EntryContext context, Instant recorded) {
    return new EntryResources(entry.entryId(), entry.target(), Optional.of(SaveProvenance.of(entry, context, recorded)),
        entry.update());
  }

  /** The conditional-create criteria that find the target by its identifier. */
  String targetCriteria() {
    return "identifier=" + EntryIdentity.SYSTEM + "|" + entryId;
  }

  /** The conditional-create criteria that find the Provenance by its entry tag. */
  String provenanceCriteria() {
    return "_tag=" + EntryIdentity.SYSTEM + "|" + entryId;
  }

  Bundle toBundle() {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    Bundle.BundleEntryComponent first = bundle.addEntry().setResource(target);
    update.ifPresent(u -> first.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(u.reference())
        .setIfMatch(u.version().orElse(null)));
    provenance.ifPresent(p -> bundle.addEntry().setResource(p));
    return bundle;
  }

  static EntryResources fromBundle(String entryId, Bundle bundle) {
    Bundle.BundleEntryComponent first = bundle.getEntryFirstRep();
    Optional<Provenance> provenance = bundle.getEntry().stream().skip(1).map(Bundle.BundleEntryComponent::getResource)
        .filter(Provenance.class::isInstance).map(Provenance.class::cast).findFirst();
    Bundle.BundleEntryRequestComponent request = first.getRequest();
    Optional<Entry.Update> update = request.getMethod() == Bundle.HTTPVerb.PUT
        ? Optional.of(new Entry.Update(request.getUrl(), Optional.ofNullable(request.getIfMatch())))
        : Optional.empty();
    return new EntryResources(entryId, first.getResource(), provenance, update);
  }
}
