package org.kapcompanion.writeback;

import java.time.Duration;
import java.util.Optional;

/** How one attempt to write an entry to the EHR ended. Reasons name statuses and codes, never clinical content. */
sealed interface WriteOutcome {

  /** The EHR holds the entry; {@code skipped} says what it could not take (e.g. the Provenance). */
  record Written(String reference, Optional<String> skipped) implements WriteOutcome {}

  /** Worth trying again (timeouts, 408, 429, 5xx); {@code after} is the server's Retry-After when it sent one. */
  record Retry(String reason, Optional<Duration> after) implements WriteOutcome {}

  /**
   * Will never succeed as it is (400/422 with an OperationOutcome, 403, unsupported type): shown to the user.
   *
   * @param problem what went wrong in terms of statuses and types, safe to log
   * @param detail the EHR's own explanation, which may quote the entry: shown to the user, never logged
   */
  record Rejected(String problem, Optional<String> detail) implements WriteOutcome {

    Rejected(String problem) {
      this(problem, Optional.empty());
    }

    String reason() {
      return problem + detail.map(d -> ": " + d).orElse("");
    }
  }

  /** The EHR holds a different version than expected (412, or HAPI's 409 on a stale version): shown to the user. */
  record Conflict(String reason) implements WriteOutcome {}

  /** The access token was not accepted (401). */
  record Unauthorized() implements WriteOutcome {}
}
