package org.kapcompanion.vocabulary;

import java.util.Arrays;
import java.util.Optional;

/** The answers of the pre-dose checklist's {@code readiness} item, from the {@code kap-readiness} CodeSystem. */
public enum ReadinessCode {

  READY("ready", "Ready"),
  NEEDS_MORE_PREP("needs-more-prep", "Needs more preparation"),
  NOT_READY("not-ready", "Not ready");

  private final Code code;

  ReadinessCode(String code, String display) {
    this.code = new Code(KapUrls.READINESS, code, display);
  }

  /** The answer with this code. */
  public static Optional<ReadinessCode> byCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code.code().equals(code)).findFirst();
  }

  public Code code() {
    return code;
  }

  /** The code value, e.g. {@code not-ready}. */
  public String value() {
    return code.code();
  }
}
