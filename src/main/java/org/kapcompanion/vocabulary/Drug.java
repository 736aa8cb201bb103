package org.kapcompanion.vocabulary;

/** The medications of the {@code kap-ketamine-medication} ValueSet (RxNorm), each with the name a clinician reads. */
public enum Drug implements Labelled {

  KETAMINE("6130", "ketamine", "Ketamine"),
  ESKETAMINE("2201623", "esketamine Nasal Spray", "Esketamine nasal spray");

  private final Term term;

  Drug(String rxnorm, String display, String label) {
    this.term = new Term(new Code(Systems.RXNORM, rxnorm, display), label);
  }

  @Override
  public Term term() {
    return term;
  }
}
