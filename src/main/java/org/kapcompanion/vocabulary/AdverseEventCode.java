package org.kapcompanion.vocabulary;

import java.util.Locale;

/**
 * The in-session adverse events the dosing page offers (the {@code kap-adverse-event} ValueSet), each with its label
 * and the default response (config/README.md, "Adverse-event responses"), which the clinic's protocol may replace.
 */
public enum AdverseEventCode implements Labelled {

  NAUSEA(Systems.SNOMED, "422587007", "Nausea", "Nausea", ""),
  VOMITING(Systems.SNOMED, "422400008", "Vomiting", "Vomiting", ""),
  DIZZINESS(Systems.SNOMED, "404640003", "Dizziness", "Dizziness", ""),
  HEADACHE(Systems.SNOMED, "25064002", "Headache", "Headache", ""),
  HYPERTENSION(Systems.SNOMED, "38341003", "Hypertensive disorder, systemic arterial", "Hypertension",
      "Repeat BP in 5 min; if ≥ 180/110 twice, call the prescriber; follow the clinic's antihypertensive order; "
          + "no further dose today."),
  OVERSEDATION(KapUrls.ADVERSE_EVENT_CODES, "oversedation", "Oversedation or respiratory depression",
      "Oversedation / respiratory depression", "Stimulate, reposition, open the airway, oxygen; SpO₂ < 90 % or "
          + "RR < 8: call the prescriber and emergency services."),
  AGITATION(Systems.SNOMED, "24199005", "Feeling agitated", "Agitation",
      "Reduce stimulation, reassure, grounding; call the prescriber if the patient or staff are at risk."),
  PANIC(Systems.SNOMED, "225624000", "Panic attack", "Panic", "Stay with the patient, slow breathing, grounding; "
      + "offer eyeshades off and music change; note it for integration."),
  TACHYCARDIA(Systems.SNOMED, "3424008", "Tachycardia", "Tachycardia",
      "Check rhythm and BP; HR ≥ 130 or symptoms: call the prescriber."),
  EMERGENCE_REACTION(KapUrls.ADVERSE_EVENT_CODES, "emergence-reaction", "Emergence reaction", "Emergence reaction",
      "Quiet room, reassurance, no restraint; call the prescriber if it persists beyond 30 min or risk of harm."),
  ALLERGIC_REACTION(Systems.SNOMED, "419076005", "Allergic reaction", "Allergic reaction", "Stop further dosing; "
      + "anaphylaxis: adrenaline per the clinic's emergency protocol and emergency services."),
  FALL(Systems.SNOMED, "1912002", "Fall", "Fall",
      "Assess for injury and head strike; monitor neurological signs; document and tell the prescriber.");

  private final Term term;
  private final String response;

  AdverseEventCode(String system, String code, String display, String label, String response) {
    this.term = new Term(new Code(system, code, display), label);
    this.response = response;
  }

  @Override
  public Term term() {
    return term;
  }

  /** The key that names it in the protocol's {@code adverseEventResponses}, e.g. {@code emergence-reaction}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The default response to it; blank where none is named. */
  public String response() {
    return response;
  }
}
