package org.kapcompanion.vocabulary;

/** The routes of the {@code kap-administration-route} ValueSet (SNOMED CT), each with its short name, e.g. "IM". */
public enum Route implements Labelled {

  IM("78421000", "Intramuscular route", "IM"),
  IV("47625008", "Intravenous route", "IV"),
  SUBLINGUAL("37839007", "Sublingual route", "Sublingual"),
  INTRANASAL("46713006", "Nasal route", "Intranasal"),
  ORAL("26643006", "Oral route", "Oral");

  private final Term term;

  Route(String snomed, String display, String label) {
    this.term = new Term(new Code(Systems.SNOMED, snomed, display), label);
  }

  @Override
  public Term term() {
    return term;
  }
}
