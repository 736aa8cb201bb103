package org.kapcompanion.recorded;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.kapcompanion.vocabulary.AlertCode;

/**
 * An alert episode: readings that broke a rule of the clinic, from the first reading of the run until a reading is
 * back within limits.
 *
 * @param rule which rule, by its {@code kap-alert} code
 * @param start the first reading of the episode; with the rule it identifies the episode
 * @param message what the therapist reads, e.g. "BP 184/112 and 186/114"
 * @param ongoing whether the latest reading of that kind still breaks the rule
 */
public record Alert(AlertCode rule, Instant start, String message, boolean ongoing) {

  /** The Flag's entry id: the same for the same episode of the same session, so it is written once. */
  public String entryId(String sessionEntryId) {
    String name = sessionEntryId + "|" + rule.value() + "|" + start.toEpochMilli();
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The entry id of the session note acknowledging the alert whose Flag has the entry id {@code alertEntryId}. */
  public static String acknowledgementId(String alertEntryId) {
    String name = "acknowledged|" + alertEntryId;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  public String title() {
    return rule.display();
  }

  public String text() {
    return message;
  }
}
