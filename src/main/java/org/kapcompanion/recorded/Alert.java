package org.kapcompanion.recorded;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An alert episode: readings that broke a rule of the clinic, from the first reading of the run until a reading is
 * back within limits.
 *
 * @param rule which rule
 * @param start the first reading of the episode; with the rule it identifies the episode
 * @param message what the therapist reads, e.g. "BP 184/112 and 186/114"
 * @param ongoing whether the latest reading of that kind still breaks the rule
 */
public record Alert(Rule rule, Instant start, String message, boolean ongoing) {

  /** The alert rules, with their code in the {@code kap-alert} CodeSystem. */
  public enum Rule {
    BP_HIGH("bp-high", "Blood pressure above threshold"),
    HR_HIGH("hr-high", "Heart rate above threshold"),
    HR_LOW("hr-low", "Heart rate below threshold"),
    SPO2_LOW("spo2-low", "Oxygen saturation below threshold"),
    SEDATION_DEEP("sedation-deep", "Deep sedation");

    private final String code;
    private final String display;

    Rule(String code, String display) {
      this.code = code;
      this.display = display;
    }

    /** Its code in {@code kap-alert}. */
    public String code() {
      return code;
    }

    public String display() {
      return display;
    }
  }

  /** The Flag's entry id: the same for the same episode of the same session, so it is written once. */
  public String entryId(String sessionEntryId) {
    String name = sessionEntryId + "|" + rule.code + "|" + start.toEpochMilli();
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  public String title() {
    return rule.display;
  }

  public String text() {
    return message;
  }
}
