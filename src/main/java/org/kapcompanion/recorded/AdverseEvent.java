package org.kapcompanion.recorded;

import java.time.Instant;

/**
 * An adverse event seen in the session: what it was (SNOMED CT, from {@code kap-adverse-event}) and what happened.
 *
 * @param entryId the entry identifier
 * @param effective when it happened
 * @param code the SNOMED CT code
 * @param display the code's display
 * @param note what happened and what was done
 */
public record AdverseEvent(String entryId, Instant effective, String code, String display, String note) {}
