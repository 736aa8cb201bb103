package org.kapcompanion.writeback;

import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/**
 * One clinical entry to write to the EHR, as a feature maps it: a new resource, or a new version of one already
 * there. Write-back adds the Provenance, validates, stores and delivers it.
 *
 * @param entryId the entry's identifier, a UUID made once when the user created the entry and kept across retries
 * @param kind what the entry is, for operators and logs (e.g. {@code vital-signs}); never clinical content
 * @param target the resource; a new one carries {@link EntryIdentity#of(String)} as its identifier
 * @param update present when the entry replaces an existing resource
 */
public record Entry(String entryId, String kind, Resource target, Optional<Update> update) {

  /**
   * The resource an update replaces and the version the user edited.
   *
   * @param reference {@code Type/id} on the EHR, or {@code urn:uuid:<entryId>} of the app's own entry that created it
   * @param version the {@code meta.versionId} the user saw: sent as {@code If-Match}, so a newer version written by
   *     someone else meanwhile becomes a conflict instead of being overwritten; empty to replace unconditionally
   */
  public record Update(String reference, Optional<String> version) {}

  /** A new resource. */
  public static Entry create(String entryId, String kind, Resource target) {
    return new Entry(entryId, kind, target, Optional.empty());
  }

  /** A new version of the resource at {@code reference}; {@code version} as for {@link Update}. */
  public static Entry update(String entryId, String kind, Resource target, String reference,
      Optional<String> version) {
    return new Entry(entryId, kind, target, Optional.of(new Update(reference, version)));
  }
}
