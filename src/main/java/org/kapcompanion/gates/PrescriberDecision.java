package org.kapcompanion.gates;

import java.time.Instant;
import java.util.Optional;

/**
 * A prescriber's decision to go ahead although a gate asks for one: who, why and when, as the checklist records it.
 *
 * @param name the prescriber's name as typed
 * @param reason the prescriber's reason
 * @param at when the prescriber decided, when given
 */
public record PrescriberDecision(String name, String reason, Optional<Instant> at) {

  /** No decision. */
  public static final PrescriberDecision NONE = new PrescriberDecision("", "", Optional.empty());

  /** Whether it names the prescriber, gives a reason and a time. */
  public boolean complete() {
    return !name.isBlank() && !reason.isBlank() && at.isPresent();
  }
}
