package org.kapcompanion.vocabulary;

import java.util.List;
import java.util.Optional;

/**
 * The session entries of the {@code kap-observation} CodeSystem that are not readings (notes, themes, adverse events,
 * a note's quick-tag component), each with its profile where it has one.
 */
public enum SessionCode {

  SESSION_NOTE("session-note", "Therapist session note", "kap-session-note"),
  SESSION_THEME("session-theme", "Session theme", "kap-session-theme"),
  ADVERSE_EVENT("adverse-event", "In-session adverse event", "kap-adverse-event"),
  QUICK_TAG("quick-tag", "Quick tag", null);

  private final Code code;
  private final Optional<String> profile;

  SessionCode(String code, String display, String profile) {
    this.code = new Code(KapUrls.OBSERVATION_CODES, code, display);
    this.profile = Optional.ofNullable(profile).map(KapUrls::profile);
  }

  /** The entry with this code of {@code kap-observation}. */
  public static Optional<SessionCode> byCode(String system, String code) {
    return List.of(values()).stream().filter(c -> c.code.is(system, code)).findFirst();
  }

  public Code code() {
    return code;
  }

  /** The code value, e.g. {@code session-note}. */
  public String value() {
    return code.code();
  }

  /** The canonical URL of its profile; empty for a component code. */
  public Optional<String> profile() {
    return profile;
  }
}
