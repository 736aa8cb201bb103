package org.kapcompanion.vocabulary;

import java.util.Optional;

/**
 * The session entries of the {@code kap-observation} CodeSystem that are not readings (notes, themes, adverse events,
 * a note's quick-tag component), each with its profile where it has one.
 */
public enum SessionCode implements Coded {

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

  @Override
  public Code code() {
    return code;
  }

  /** The canonical URL of its profile; empty for a component code. */
  public Optional<String> profile() {
    return profile;
  }
}
