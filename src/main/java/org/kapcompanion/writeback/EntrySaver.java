package org.kapcompanion.writeback;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.launch.ActiveSession;

/** What the clinical features use to write: save an entry durably, and see the entries the EHR has not confirmed. */
public interface EntrySaver {

  /**
   * Validates the entry, commits it to the outbox and answers once it is durable; a repeated entry id is acknowledged
   * again without storing anything twice.
   */
  SaveResult save(ActiveSession active, Entry entry);

  /**
   * The target resources of this user's entries for this patient that the EHR has not confirmed yet (pending or
   * failed), oldest first, so a page can show them with what it reads from the EHR.
   */
  List<Resource> unsent(ActiveSession active);
}
