package org.kapcompanion.vocabulary;

/** The answers of the pre-dose checklist's {@code readiness} item, from the {@code kap-readiness} CodeSystem. */
public enum ReadinessCode implements Coded {

  READY("ready", "Ready"),
  NEEDS_MORE_PREP("needs-more-prep", "Needs more preparation"),
  NOT_READY("not-ready", "Not ready");

  private final Code code;

  ReadinessCode(String code, String display) {
    this.code = new Code(KapUrls.READINESS, code, display);
  }

  @Override
  public Code code() {
    return code;
  }
}
