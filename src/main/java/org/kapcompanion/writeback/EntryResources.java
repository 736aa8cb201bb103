package org.kapcompanion.writeback;

import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;

/**
 * What one entry writes: its target resource (carrying the entry identifier) and the Provenance of the save. Stored
 * in the outbox as a collection Bundle.
 *
 * @param entryId the entry identifier, a UUID made once when the user created the entry
 * @param target the clinical resource
 * @param provenance the save's Provenance, targeting {@code urn:uuid:<entryId>}
 */
record EntryResources(String entryId, Resource target, Optional<Provenance> provenance) {

  /** The identifier system of every entry the app writes. */
  static final String ENTRY_SYSTEM = "http://kapcompanion.org/fhir/sid/entry";

  EntryResources(String entryId, Resource target, Provenance provenance) {
    this(entryId, target, Optional.of(provenance));
  }

  static String targetUrn(String entryId) {
    return "urn:uuid:" + entryId;
  }

  /** The conditional-create criteria that find the target by its identifier. */
  String targetCriteria() {
    return "identifier=" + ENTRY_SYSTEM + "|" + entryId;
  }

  /** The conditional-create criteria that find the Provenance by its entry tag. */
  String provenanceCriteria() {
    return "_tag=" + ENTRY_SYSTEM + "|" + entryId;
  }

  Bundle toBundle() {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    bundle.addEntry().setResource(target);
    provenance.ifPresent(p -> bundle.addEntry().setResource(p));
    return bundle;
  }

  static EntryResources fromBundle(String entryId, Bundle bundle) {
    Resource target = bundle.getEntryFirstRep().getResource();
    Optional<Provenance> provenance = bundle.getEntry().stream().skip(1).map(Bundle.BundleEntryComponent::getResource)
        .filter(Provenance.class::isInstance).map(Provenance.class::cast).findFirst();
    return new EntryResources(entryId, target, provenance);
  }
}
