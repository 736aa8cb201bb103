package org.kapcompanion.vocabulary;

/** The alerts of the {@code kap-alert} CodeSystem that the app raises from a session's readings, one per rule. */
public enum AlertCode implements Coded {

  BP_HIGH("bp-high", "Blood pressure above threshold"),
  HR_HIGH("hr-high", "Heart rate above threshold"),
  HR_LOW("hr-low", "Heart rate below threshold"),
  SPO2_LOW("spo2-low", "Oxygen saturation below threshold"),
  SEDATION_DEEP("sedation-deep", "Deep sedation");

  private final Code code;

  AlertCode(String code, String display) {
    this.code = new Code(KapUrls.ALERT_CODES, code, display);
  }

  /** Its concept in {@code kap-alert}; the display is also the alert's title on screen. */
  @Override
  public Code code() {
    return code;
  }
}
