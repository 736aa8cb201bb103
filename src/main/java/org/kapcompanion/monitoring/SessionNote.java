package org.kapcompanion.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * The therapist's timestamped observation note with quick tags, as typed in the page.
 *
 * @param entryId the entry's identifier, made once by the page and kept across every retry
 * @param effective when the observation was made
 * @param text the note
 * @param tags codes from the {@code kap-quick-tag} CodeSystem
 */
public record SessionNote(String entryId, Instant effective, String text, List<String> tags) {

  public SessionNote {
    tags = List.copyOf(tags);
  }
}
