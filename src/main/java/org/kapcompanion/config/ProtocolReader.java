package org.kapcompanion.config;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/** Reads and checks the clinic's clinical protocol file. */
final class ProtocolReader {

  private final List<String> problems;

  ProtocolReader(List<String> problems) {
    this.problems = problems;
  }

  ClinicalProtocol read(JsonObject json) {
    JsonFields root = new JsonFields(json, "protocol", problems);
    List<ClinicalProtocol.MedicationClass> medications = new ArrayList<>();
    for (JsonFields fields : root.objects("interactingMedications")) {
      medications.add(new ClinicalProtocol.MedicationClass(
          fields.string("name", "name the medication class, e.g. \"Benzodiazepine\""),
          fields.string("concern", "say in one sentence why it matters during a ketamine session"),
          new HashSet<>(fields.strings("rxnormCodes")),
          lowerCase(fields.strings("nameKeywords"))));
    }
    List<ClinicalProtocol.ConditionRule> conditions = new ArrayList<>();
    for (JsonFields fields : root.objects("contraindications")) {
      String severity = fields.stringOr("severity", "contraindication");
      if (!severity.equals("contraindication") && !severity.equals("caution")) {
        fields.problem("severity", "\"" + severity + "\" is not a severity", "write contraindication or caution");
      }
      conditions.add(new ClinicalProtocol.ConditionRule(
          fields.string("name", "name the condition as clinicians should see it"),
          severity,
          new HashSet<>(fields.strings("snomedCodes")),
          lowerCase(fields.strings("nameKeywords"))));
    }
    JsonFields gate = root.object("bloodPressureGate").orElse(new JsonFields(new JsonObject(),
        "protocol.bloodPressureGate", problems));
    ClinicalProtocol.BloodPressure bloodPressureGate = new ClinicalProtocol.BloodPressure(
        gate.integer("systolic", 140, 80, 250), gate.integer("diastolic", 90, 40, 150));
    return new ClinicalProtocol(medications, conditions, bloodPressureGate);
  }

  private static List<String> lowerCase(List<String> words) {
    return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
  }
}
