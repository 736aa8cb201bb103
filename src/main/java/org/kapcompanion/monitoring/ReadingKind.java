package org.kapcompanion.monitoring;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;

/**
 * What the therapist measures during a session: the vital signs (LOINC codes of the FHIR R4 vital-signs profiles) and
 * the session scales of the project's {@code kap-observation} CodeSystem, each with its profile, unit and range.
 */
enum ReadingKind {

  BLOOD_PRESSURE("bp", "Blood pressure", "kap-blood-pressure", true, List.of(loinc("85354-9",
      "Blood pressure panel with all children optional")), "mmHg", "mm[Hg]", 40, 300),
  HEART_RATE("hr", "Heart rate", "kap-heart-rate", true, List.of(loinc("8867-4", "Heart rate")), "beats/minute",
      "/min", 20, 250),
  OXYGEN_SATURATION("spo2", "SpO₂", "kap-oxygen-saturation", true, List.of(
      loinc("2708-6", "Oxygen saturation in Arterial blood"),
      loinc("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry")), "%", "%", 50, 100),
  RESPIRATORY_RATE("rr", "Respiratory rate", "kap-respiratory-rate", true, List.of(loinc("9279-1",
      "Respiratory rate")), "breaths/minute", "/min", 4, 60),
  MOAAS("moaas", "MOAA/S", "kap-moaas", false, List.of(kap("moaas", "MOAA/S sedation score")), null, null, 0, 5),
  DISSOCIATION("dissociation", "Dissociation", "kap-dissociation-rating", false, List.of(kap("dissociation-rating",
      "Clinician-rated dissociation")), null, null, 0, 4),
  SUDS("suds", "SUDS", "kap-suds", false, List.of(kap("suds", "Subjective Units of Distress")), null, null, 0, 10),
  NAUSEA("nausea", "Nausea", "kap-nausea", false, List.of(kap("nausea", "Nausea and vomiting")), null, null, 0, 3);

  static final String OBSERVATION_CODES = "http://kapcompanion.org/fhir/CodeSystem/kap-observation";
  static final String LOINC = "http://loinc.org";
  static final String SYSTOLIC = "8480-6";
  static final String DIASTOLIC = "8462-4";

  final String key;
  final String label;
  final String profile;
  final boolean vitalSign;
  final List<Coding> codes;
  final Optional<String> unit;
  final Optional<String> ucum;
  final int min;
  final int max;

  ReadingKind(String key, String label, String profile, boolean vitalSign, List<Coding> codes, String unit,
      String ucum, int min, int max) {
    this.key = key;
    this.label = label;
    this.profile = "http://kapcompanion.org/fhir/StructureDefinition/" + profile;
    this.vitalSign = vitalSign;
    this.codes = codes;
    this.unit = Optional.ofNullable(unit);
    this.ucum = Optional.ofNullable(ucum);
    this.min = min;
    this.max = max;
  }

  /** The kind with this short key (as the page sends it). */
  static Optional<ReadingKind> byKey(String key) {
    for (ReadingKind kind : values()) {
      if (kind.key.equals(key)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** The kind whose first code is {@code code} (as read back from the EHR). */
  static Optional<ReadingKind> byCode(String code) {
    for (ReadingKind kind : values()) {
      if (kind.codes.get(0).getCode().equals(code)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** The entry kind written to the outbox, e.g. {@code reading-hr}. */
  String entryKind() {
    return "reading-" + key;
  }

  private static Coding loinc(String code, String display) {
    return new Coding(LOINC, code, display);
  }

  private static Coding kap(String code, String display) {
    return new Coding(OBSERVATION_CODES, code, display);
  }
}
