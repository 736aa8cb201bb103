package org.kapcompanion.vocabulary;

/** The answers of the pre-dose checklist's {@code prescriber-decision} item ({@code kap-prescriber-decision}). */
public enum PrescriberDecisionCode implements Coded {

  PROCEED("proceed", "Proceed with dosing"),
  POSTPONE("postpone", "Postpone dosing");

  private final Code code;

  PrescriberDecisionCode(String code, String display) {
    this.code = new Code(KapUrls.PRESCRIBER_DECISIONS, code, display);
  }

  @Override
  public Code code() {
    return code;
  }
}
