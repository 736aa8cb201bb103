package org.kapcompanion.vocabulary;

/** The medications of the {@code kap-ketamine-medication} ValueSet (RxNorm). */
public enum Drug implements Coded {

  KETAMINE("6130", "ketamine", "Ketamine"),
  ESKETAMINE("2201623", "esketamine Nasal Spray", "Esketamine nasal spray");

  private final Code code;
  private final String label;

  Drug(String rxnorm, String display, String label) {
    this.code = new Code(Systems.RXNORM, rxnorm, display);
    this.label = label;
  }

  @Override
  public Code code() {
    return code;
  }

  /** The name a clinician reads, e.g. "Esketamine nasal spray". */
  public String label() {
    return label;
  }
}
