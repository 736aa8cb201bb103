package org.kapcompanion.vocabulary;

/** The outcome measures' total scores (LOINC), each with its short name and the highest score it can have. */
public enum OutcomeScore implements Labelled {

  PHQ9("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]", "PHQ-9", 27),
  GAD7("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]", "GAD-7", 21),
  PCL5("101698-9", "PTSD PCL-5 score [PCL-5]", "PCL-5", 80);

  private final Term term;
  private final int max;

  OutcomeScore(String loinc, String display, String label, int max) {
    this.term = new Term(new Code(Systems.LOINC, loinc, display), label);
    this.max = max;
  }

  @Override
  public Term term() {
    return term;
  }

  public int max() {
    return max;
  }

  /** How it is scored, as the pages show it beside its name, e.g. "0–27, self-report". */
  public String range() {
    return "0–" + max + ", self-report";
  }

  /** The canonical URL of the profile every total score follows. */
  public String profile() {
    return KapUrls.OUTCOME_SCORE_PROFILE;
  }
}
