package org.kapcompanion.writeback;

import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/**
 * One clinical entry to write to the EHR, as a feature maps it: a new resource, or a new version of one already
 * there, optionally with what to write instead where the EHR does not take the target's type. Write-back adds the
 * Provenance, validates, stores and delivers it.
 *
 * @param entryId the entry's identifier, a UUID made once when the user created the entry and kept across retries
 * @param kind what the entry is, for operators and logs (e.g. {@code vital-signs}); never clinical content
 * @param target the resource; a new one carries {@link EntryIdentity#of(String)} as its identifier
 * @param update present when the entry replaces an existing resource
 * @param fallback what to do where the EHR does not accept the target's type (or updates of it)
 */
public record Entry(String entryId, String kind, Resource target, Optional<Update> update,
    Optional<Fallback> fallback) {

  /**
   * The resource an update replaces and the version the user edited.
   *
   * @param reference {@code Type/id} on the EHR, or {@code urn:uuid:<entryId>} of the app's own entry that created it
   * @param version the {@code meta.versionId} the user saw: sent as {@code If-Match}, so a newer version written by
   *     someone else meanwhile becomes a conflict instead of being overwritten; empty to replace unconditionally
   */
  public record Update(String reference, Optional<String> version) {}

  /**
   * Where the EHR does not take the target: write {@code alternative} instead (a new resource carrying
   * {@link EntryIdentity#of(String)} of this entry), or nothing when it is empty; either way the entry counts as saved
   * and {@code note} tells the user plainly what happened, e.g. "saved as a document: this EHR takes no care plans".
   */
  public record Fallback(Optional<Resource> alternative, String note) {

    /** Write {@code alternative} instead. */
    public static Fallback writeInstead(Resource alternative, String note) {
      return new Fallback(Optional.of(alternative), note);
    }

    /** Write nothing instead, because what the entry says is kept elsewhere (as {@code note} says). */
    public static Fallback skip(String note) {
      return new Fallback(Optional.empty(), note);
    }
  }

  /** An entry without a fallback. */
  public Entry(String entryId, String kind, Resource target, Optional<Update> update) {
    this(entryId, kind, target, update, Optional.empty());
  }

  /** A new resource. */
  public static Entry create(String entryId, String kind, Resource target) {
    return new Entry(entryId, kind, target, Optional.empty());
  }

  /** A new version of the resource at {@code reference}; {@code version} as for {@link Update}. */
  public static Entry update(String entryId, String kind, Resource target, String reference,
      Optional<String> version) {
    return new Entry(entryId, kind, target, Optional.of(new Update(reference, version)));
  }

  /** This entry, with {@code fallback} for EHRs that do not take its target. */
  public Entry orElse(Fallback fallback) {
    return new Entry(entryId, kind, target, update, Optional.of(fallback));
  }
}
