package org.kapcompanion.writeback;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.kapcompanion.session.ActiveSession;

/** What the clinical features use to write: save an entry durably, and see the entries the EHR has not confirmed. */
public interface EntrySaver {

  /**
   * Validates the entry, commits it to the outbox and answers once it is durable and known to read back; a repeated
   * entry id is acknowledged again without storing anything twice. An entry holding a control character FHIR forbids,
   * or whose stored form would not read back, is refused as invalid.
   */
  SaveResult save(ActiveSession active, Entry entry);

  /**
   * Saves the entry as {@link #save} does only if {@code check} lets it, given the targets of {@code type} of every
   * user's entries for this patient that the EHR has not confirmed (pending or failed, oldest first). No other checked
   * save of this patient runs meanwhile on any node sharing the store, so what the check saw (in the outbox, and what
   * it read from the EHR) still holds when the entry is committed. An invalid entry is answered without a check; when
   * the check throws, nothing is saved and the exception reaches the caller.
   */
  <R> CheckedSave<R> saveChecked(ActiveSession active, Entry entry, ResourceType type, SaveCheck<R> check);

  /**
   * The target resources of this user's entries for this patient that the EHR has not confirmed yet (pending or
   * failed), oldest first, so a page can show them with what it reads from the EHR; only those of the resource
   * {@code types} the page uses, and only these are decrypted. An entry that cannot be read back is left out; the
   * session's entry status lists it.
   */
  List<Resource> unsent(ActiveSession active, Set<ResourceType> types);

  /**
   * The targets of {@code type} of every user's entries for this patient that the EHR has not confirmed (pending or
   * failed), oldest first, as they are now: what a page shows of a colleague's entry still on its way. Read only; a
   * decision on them is made in {@link #saveChecked}, which sees them under the patient's lock.
   */
  List<Resource> undelivered(ActiveSession active, ResourceType type);

  /**
   * A failed entry of this session as it was saved (target, update and fallback), so the page can show it beside the
   * EHR's version after a conflict; empty when the entry is not failed or not this session's.
   */
  Optional<Entry> failed(ActiveSession active, String entryId);

  /**
   * Gives up a failed entry of this session at the user's explicit request (e.g. "keep their version"): it is never
   * sent. False when the entry is not failed or not this session's; pending entries cannot be discarded.
   */
  boolean discardFailed(ActiveSession active, String entryId);
}
