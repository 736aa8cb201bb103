package org.kapcompanion.vocabulary;

/** The KAP session types of the {@code kap-session-type} CodeSystem, carried by a session's Encounter. */
public enum SessionType implements Coded {

  DOSING("dosing-session", "KAP dosing session"),
  INTEGRATION("integration-session", "KAP integration session"),
  PREPARATION("preparation-session", "KAP preparation session");

  private final Code code;

  SessionType(String code, String display) {
    this.code = new Code(KapUrls.SESSION_TYPES, code, display);
  }

  @Override
  public Code code() {
    return code;
  }
}
