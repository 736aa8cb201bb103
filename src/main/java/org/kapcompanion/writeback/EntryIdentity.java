package org.kapcompanion.writeback;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.kapcompanion.vocabulary.KapUrls;

/**
 * The identity the app gives its entries: an identifier in the app's own system, and the {@code urn:uuid} by which
 * one entry refers to another before the EHR has assigned it an id.
 */
public final class EntryIdentity {

  /** The identifier system of every entry the app writes. */
  public static final String SYSTEM = KapUrls.ENTRY_ID;
  private static final String URN = "urn:uuid:";

  private EntryIdentity() {}

  /** The identifier a new resource of entry {@code entryId} carries. */
  public static Identifier of(String entryId) {
    return new Identifier().setSystem(SYSTEM).setValue(entryId);
  }

  /** A reference to the resource of entry {@code entryId}, resolved to the EHR's id when it is sent. */
  public static Reference reference(String entryId) {
    return new Reference(urn(entryId));
  }

  static String urn(String entryId) {
    return URN + entryId;
  }

  /** True for a reference to an entry of the app ({@code urn:uuid:…}). */
  static boolean isEntryReference(String reference) {
    return reference != null && reference.startsWith(URN);
  }

  static String entryIdOf(String reference) {
    return reference.substring(URN.length());
  }
}
