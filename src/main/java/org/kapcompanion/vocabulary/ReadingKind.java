package org.kapcompanion.vocabulary;

import java.util.List;
import java.util.Optional;

/**
 * What is measured in a session: the vital signs (LOINC codes of the FHIR R4 vital-signs profiles, UCUM units) and
 * the scales of the {@code kap-observation} CodeSystem, each with its profile, label, accepted range and dosing-page
 * form. Adding a kind is one row here plus its profile in {@code fhir-profiles/}.
 */
public enum ReadingKind {

  BLOOD_PRESSURE("bp", "Blood pressure", "BP", "kap-blood-pressure", true, List.of(loinc("85354-9",
      "Blood pressure panel with all children optional")), "mmHg", "mm[Hg]", 40, 300, "", null),
  HEART_RATE("hr", "Heart rate", "HR", "kap-heart-rate", true, List.of(loinc("8867-4", "Heart rate")),
      "beats/minute", "/min", 20, 250, "", null),
  OXYGEN_SATURATION("spo2", "SpO₂", "SpO₂", "kap-oxygen-saturation", true, List.of(
      loinc("2708-6", "Oxygen saturation in Arterial blood"),
      loinc("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry")), "%", "%", 50, 100, "", null),
  RESPIRATORY_RATE("rr", "Respiratory rate", "RR", "kap-respiratory-rate", true, List.of(loinc("9279-1",
      "Respiratory rate")), "breaths/minute", "/min", 4, 60, "", null),
  MOAAS("moaas", "MOAA/S", "MOAA/S", "kap-moaas", false, List.of(kap("moaas", "MOAA/S sedation score")), null,
      null, 0, 5, "5 = alert", "clinician-rated"),
  DISSOCIATION("dissociation", "Dissociation", "Dissociation", "kap-dissociation-rating", false,
      List.of(kap("dissociation-rating", "Clinician-rated dissociation")), null, null, 0, 4, "", "clinician-rated"),
  /** Read from the EHR and shown in review; the dosing page has no form for it. */
  CADSS("cadss", "CADSS total", "CADSS", "kap-cadss-total", false, List.of(kap("cadss-total", "CADSS total score")),
      null, null, 0, 92, null, "clinician-rated"),
  SUDS("suds", "SUDS", "SUDS", "kap-suds", false, List.of(kap("suds", "Subjective Units of Distress")), null, null,
      0, 10, "", "patient-rated"),
  NAUSEA("nausea", "Nausea", "Nausea", "kap-nausea", false, List.of(kap("nausea", "Nausea and vomiting")), null,
      null, 0, 3, "", "clinician-rated");

  /** The systolic component of the blood-pressure panel (LOINC). */
  public static final Code SYSTOLIC = loinc("8480-6", "Systolic blood pressure");
  /** The diastolic component of the blood-pressure panel (LOINC). */
  public static final Code DIASTOLIC = loinc("8462-4", "Diastolic blood pressure");

  private final String key;
  private final String label;
  private final String abbreviation;
  private final String profile;
  private final boolean vitalSign;
  private final List<Code> codes;
  private final Optional<String> unit;
  private final Optional<String> ucum;
  private final int min;
  private final int max;
  private final Optional<String> formHint;
  private final String rater;

  /**
   * @param formHint what the dosing page's form adds to the label and range (e.g. "5 = alert"); {@code null} when
   *     the page has no form for the kind
   * @param rater who gives a scale's score, e.g. "clinician-rated"; {@code null} for a vital sign
   */
  ReadingKind(String key, String label, String abbreviation, String profile, boolean vitalSign, List<Code> codes,
      String unit, String ucum, int min, int max, String formHint, String rater) {
    this.key = key;
    this.label = label;
    this.abbreviation = abbreviation;
    this.profile = KapUrls.profile(profile);
    this.vitalSign = vitalSign;
    this.codes = codes;
    this.unit = Optional.ofNullable(unit);
    this.ucum = Optional.ofNullable(ucum);
    this.min = min;
    this.max = max;
    this.formHint = Optional.ofNullable(formHint);
    this.rater = rater;
  }

  /** The kinds the dosing page has a form for, in the table's order. */
  public static List<ReadingKind> enteredOnDosingPage() {
    return List.of(values()).stream().filter(kind -> kind.formHint.isPresent()).toList();
  }

  /** The kind with this short key (as the page sends it). */
  public static Optional<ReadingKind> byKey(String key) {
    return List.of(values()).stream().filter(kind -> kind.key.equals(key)).findFirst();
  }

  /** The kind one of whose codes is {@code code} in {@code system} (as read back from the EHR). */
  public static Optional<ReadingKind> byCode(String system, String code) {
    return List.of(values()).stream()
        .filter(kind -> kind.codes.stream().anyMatch(c -> c.is(system, code))).findFirst();
  }

  /** The short key the page sends, e.g. {@code hr}. */
  public String key() {
    return key;
  }

  /** The label a clinician reads, e.g. "SpO₂". */
  public String label() {
    return label;
  }

  /** The short form used in a line of readings, e.g. "HR". */
  public String abbreviation() {
    return abbreviation;
  }

  /** The canonical URL of its KAP profile. */
  public String profile() {
    return profile;
  }

  /** Whether it is a vital sign (FHIR vital-signs category) rather than a session scale. */
  public boolean vitalSign() {
    return vitalSign;
  }

  /** Its codes, the primary first. */
  public List<Code> codes() {
    return codes;
  }

  /** The unit as shown, e.g. "mmHg"; empty for scores. */
  public Optional<String> unit() {
    return unit;
  }

  /** The UCUM code of the unit, e.g. {@code mm[Hg]}; empty for scores. */
  public Optional<String> ucum() {
    return ucum;
  }

  /** The lowest value accepted. */
  public int min() {
    return min;
  }

  /** The highest value accepted. */
  public int max() {
    return max;
  }

  /**
   * The label with the unit, or for a scale its range and who rates it, e.g. "Heart rate (beats/minute)" or
   * "Dissociation 0–4 (clinician-rated)".
   */
  public String labelWithUnit() {
    return labelWith("");
  }

  /** The label of the dosing page's form, e.g. "MOAA/S 0–5 (clinician-rated, 5 = alert)". */
  public String formLabel() {
    return labelWith(formHint.filter(h -> !h.isEmpty()).map(h -> ", " + h).orElse(""));
  }

  private String labelWith(String hint) {
    return unit.map(u -> label + " (" + u + hint + ")")
        .orElseGet(() -> label + " " + min + "–" + max + " (" + rater + hint + ")");
  }

  /** Whether {@code value} is within the accepted range. */
  public boolean accepts(int value) {
    return value >= min && value <= max;
  }

  private static Code loinc(String code, String display) {
    return new Code(Systems.LOINC, code, display);
  }

  private static Code kap(String code, String display) {
    return new Code(KapUrls.OBSERVATION_CODES, code, display);
  }
}
