package org.kapcompanion.writeback;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.kapcompanion.vocabulary.KapUrls;

/**
 * What one entry writes: its target resource and the Provenance of the save, for an update the resource it replaces,
 * and what to write where the EHR does not take the target. Stored in the outbox as a collection Bundle (an update's
 * target entry carries its PUT request; the fallback entry carries its note as an extension).
 *
 * @param entryId the entry identifier, a UUID made once when the user created the entry
 * @param target the clinical resource
 * @param provenance the save's Provenance, targeting {@code urn:uuid:<entryId>}
 * @param update present when the target replaces an existing resource
 * @param fallback present when the entry has something to write (or a reason to skip) where the target is not taken
 */
record EntryResources(String entryId, Resource target, Optional<Provenance> provenance,
    Optional<Entry.Update> update, Optional<Entry.Fallback> fallback) {

  /** Marks the outbox bundle entry that holds the fallback; its value is the note shown to the user. */
  private static final String FALLBACK_NOTE = KapUrls.OUTBOX_FALLBACK;

  /** The entry with the Provenance of its save by the user in {@code context}, recorded at {@code recorded}. */
  static EntryResources of(Entry entry, EntryContext context, Instant recorded) {
    return new EntryResources(entry.entryId(), entry.target(), Optional.of(SaveProvenance.of(entry, context, recorded)),
        entry.update(), entry.fallback());
  }

  /**
   * The entry as its fallback's alternative: a new resource with the same entry id, whose Provenance targets it
   * instead of the resource an update would have replaced.
   */
  EntryResources asAlternative(Resource alternative) {
    Optional<Provenance> moved = provenance.map(p -> {
      Provenance copy = p.copy();
      copy.getTarget().set(0, new Reference(EntryIdentity.urn(entryId)));
      return copy;
    });
    return new EntryResources(entryId, alternative, moved, Optional.empty(), Optional.empty());
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
    fallback.ifPresent(f -> bundle.addEntry().setResource(f.alternative().orElse(null))
        .addExtension(FALLBACK_NOTE, new StringType(f.note())));
    return bundle;
  }

  static EntryResources fromBundle(String entryId, Bundle bundle) {
    Bundle.BundleEntryComponent first = bundle.getEntryFirstRep();
    Optional<Provenance> provenance = bundle.getEntry().stream().skip(1).filter(e -> !isFallback(e))
        .map(Bundle.BundleEntryComponent::getResource)
        .filter(Provenance.class::isInstance).map(Provenance.class::cast).findFirst();
    Optional<Entry.Fallback> fallback = bundle.getEntry().stream().skip(1).filter(EntryResources::isFallback)
        .findFirst().map(e -> new Entry.Fallback(Optional.ofNullable(e.getResource()),
            e.getExtensionByUrl(FALLBACK_NOTE).getValue().primitiveValue()));
    Bundle.BundleEntryRequestComponent request = first.getRequest();
    Optional<Entry.Update> update = request.getMethod() == Bundle.HTTPVerb.PUT
        ? Optional.of(new Entry.Update(request.getUrl(), Optional.ofNullable(request.getIfMatch())))
        : Optional.empty();
    return new EntryResources(entryId, first.getResource(), provenance, update, fallback);
  }

  private static boolean isFallback(Bundle.BundleEntryComponent entry) {
    return entry.getExtensionByUrl(FALLBACK_NOTE) != null;
  }

  /**
   * What the entry is, in words without clinical content, for lists of waiting and failed entries: an Observation's
   * code ("Heart rate"), otherwise its kind in words ("Integration plan").
   */
  String label(String kind) {
    return target instanceof Observation observation && observation.getCode().getCodingFirstRep().hasDisplay()
        ? capitalised(observation.getCode().getCodingFirstRep().getDisplay()) : kindInWords(kind);
  }

  /** An entry kind in words, e.g. "Integration plan" for {@code integration-plan}. */
  static String kindInWords(String kind) {
    return kind.isBlank() ? "Entry" : capitalised(kind.replace('-', ' '));
  }

  private static String capitalised(String words) {
    String label = words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    return label.length() > 80 ? label.substring(0, 80) : label;
  }

  /** The entry as the user made it, e.g. to show it beside someone else's newer version. */
  Entry toEntry(String kind) {
    return new Entry(entryId, kind, target, update, fallback);
  }
}
