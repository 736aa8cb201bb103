package org.kapcompanion.vocabulary;

import java.util.List;

/**
 * The vital signs the patient summary shows from the record, in its order: the session's vital-sign reading kinds
 * and the ones only the EHR records (LOINC, UCUM display units).
 */
public enum RecordVital {

  BLOOD_PRESSURE(ReadingKind.BLOOD_PRESSURE),
  HEART_RATE(ReadingKind.HEART_RATE),
  RESPIRATORY_RATE(ReadingKind.RESPIRATORY_RATE),
  OXYGEN_SATURATION(ReadingKind.OXYGEN_SATURATION),
  TEMPERATURE("8310-5", "Body temperature", "Temperature", "°C"),
  WEIGHT("29463-7", "Body weight", "Weight", "kg"),
  BMI("39156-5", "Body mass index (BMI) [Ratio]", "BMI", "kg/m²");

  private final List<Code> codes;
  private final String label;
  private final String unit;

  RecordVital(ReadingKind kind) {
    this(kind.codes(), kind.label(), kind.unit().orElseThrow());
  }

  RecordVital(String loinc, String display, String label, String unit) {
    this(List.of(new Code(Systems.LOINC, loinc, display)), label, unit);
  }

  RecordVital(List<Code> codes, String label, String unit) {
    this.codes = codes;
    this.label = label;
    this.unit = unit;
  }

  public List<Code> codes() {
    return codes;
  }

  public String label() {
    return label;
  }

  /** The unit shown when the EHR's value carries none. */
  public String unit() {
    return unit;
  }
}
