package org.kapcompanion.vocabulary;

/** The routes of the {@code kap-administration-route} ValueSet (SNOMED CT). */
public enum Route implements Coded {

  IM("78421000", "Intramuscular route", "IM"),
  IV("47625008", "Intravenous route", "IV"),
  SUBLINGUAL("37839007", "Sublingual route", "Sublingual"),
  INTRANASAL("46713006", "Nasal route", "Intranasal"),
  ORAL("26643006", "Oral route", "Oral");

  private final Code code;
  private final String label;

  Route(String snomed, String display, String label) {
    this.code = new Code(Systems.SNOMED, snomed, display);
    this.label = label;
  }

  @Override
  public Code code() {
    return code;
  }

  /** The short name a clinician reads, e.g. "IM". */
  public String label() {
    return label;
  }
}
