package org.kapcompanion.writeback;

import java.time.Duration;
import java.util.Optional;

/** How one attempt to write an entry to the EHR ended. Reasons name statuses and codes, never clinical content. */
sealed interface WriteOutcome {

  /** The EHR holds the entry; {@code skipped} says what it could not take (e.g. the Provenance). */
  record Written(String reference, Optional<String> skipped) implements WriteOutcome {}

  /** Worth trying again (timeouts, 408, 429, 5xx); {@code after} is the server's Retry-After when it sent one. */
  record Retry(String reason, Optional<Duration> after) implements WriteOutcome {}

  /** Will never succeed as it is (400/422 with an OperationOutcome, 403, unsupported type): shown to the user. */
  record Rejected(String reason) implements WriteOutcome {}

  /** The EHR holds a different version than expected (412, or HAPI's 409 on a stale version): shown to the user. */
  record Conflict(String reason) implements WriteOutcome {}

  /** The access token was not accepted (401). */
  record Unauthorized() implements WriteOutcome {}
}
