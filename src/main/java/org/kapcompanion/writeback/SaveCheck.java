package org.kapcompanion.writeback;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/**
 * The caller's decision in {@link EntrySaver#saveChecked}: given the patient's entries not yet delivered, why the entry
 * must not be saved, or empty to save it. It may read the EHR; what it throws ends the save with nothing stored.
 *
 * @param <R> the reason the caller gives for not saving
 */
@FunctionalInterface
public interface SaveCheck<R> {

  /** Why not to save, given the targets of every user's undelivered entries of the patient, oldest first. */
  Optional<R> refusal(List<Resource> undelivered);
}
