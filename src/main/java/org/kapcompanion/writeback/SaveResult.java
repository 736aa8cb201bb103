package org.kapcompanion.writeback;

import java.util.List;

/** What saving an entry came to: committed to the outbox (acknowledged), or refused with the validator's problems. */
public sealed interface SaveResult {

  /** Stored durably; {@code duplicate} when this entry id had been stored before (a retry from the page). */
  record Accepted(String entryId, boolean duplicate) implements SaveResult {}

  /** Not stored: the resources do not conform; nothing was sent. */
  record Invalid(List<ValidationProblem> problems) implements SaveResult {}
}
