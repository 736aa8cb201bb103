package org.kapcompanion.config;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kapcompanion.vocabulary.AdverseEventCode;

/** Reads and checks the clinic's clinical protocol file, filling in the published defaults for absent keys. */
final class ProtocolReader {

  private static final Pattern FOLLOW_UP = Pattern.compile("(\\d{1,3})\\s*(h|d|w|m)");
  private static final Map<String, ChronoUnit> UNITS =
      Map.of("h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS, "w", ChronoUnit.WEEKS, "m", ChronoUnit.MONTHS);
  private static final List<String> DEFAULT_FOLLOW_UPS = List.of("24h", "72h", "1w", "2w", "1m", "3m");
  private static final int MAX_RESPONSE = 600;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

  private final List<String> problems;
  private final Path workingDir;

  ProtocolReader(List<String> problems, Path workingDir) {
    this.problems = problems;
    this.workingDir = workingDir;
  }

  ClinicalProtocol read(JsonObject json) {
    JsonFields root = new JsonFields(json, "protocol", problems);
    JsonFields gate = root.objectOrEmpty("bloodPressureGate");
    ClinicalProtocol.BloodPressure bloodPressureGate = new ClinicalProtocol.BloodPressure(
        gate.integer("systolic", 140, 80, 250), gate.integer("diastolic", 90, 40, 150));
    ClinicalProtocol.AlertRules alerts = alertRules(root.objectOrEmpty("alertRules"), bloodPressureGate);
    return new ClinicalProtocol(medications(root), conditions(root), bloodPressureGate, alerts,
        monitoring(root.objectOrEmpty("monitoring")), fasting(root.objectOrEmpty("fasting")), followUps(root),
        clinic(root.objectOrEmpty("clinic")), recoveryInstructions(root), CourseRulesReader.read(root),
        gates(root.objectOrEmpty("gates")), adverseEventResponses(root.objectOrEmpty("adverseEventResponses")));
  }

  /** The clinic's responses by event key; an event left out keeps its default, an unknown key or empty text is named. */
  private static Map<AdverseEventCode, String> adverseEventResponses(JsonFields fields) {
    Map<String, AdverseEventCode> byKey = new LinkedHashMap<>();
    Arrays.stream(AdverseEventCode.values()).forEach(event -> byKey.put(event.key(), event));
    Map<AdverseEventCode, String> responses = new EnumMap<>(AdverseEventCode.class);
    for (String key : fields.names()) {
      AdverseEventCode event = byKey.get(key);
      if (event == null) {
        fields.problem(key, "is not an adverse event", "use one of " + byKey.keySet());
        continue;
      }
      String text = fields.string(key, "write what staff do when it occurs, or leave the key out for the default");
      if (text.length() > MAX_RESPONSE) {
        fields.problem(key, "is " + text.length() + " characters long", "keep it under " + MAX_RESPONSE
            + " characters: the dosing page shows it beside the event");
      }
      responses.put(event, text.strip());
    }
    return responses;
  }

  /** The start and discharge gates; every control is on unless the file turns it off. */
  private static ClinicalProtocol.Gates gates(JsonFields fields) {
    ClinicalProtocol.Discharge defaults = ClinicalProtocol.Gates.DEFAULTS.discharge();
    JsonFields discharge = fields.objectOrEmpty("discharge");
    JsonFields bp = discharge.objectOrEmpty("bloodPressureBelow");
    ClinicalProtocol.Discharge read = new ClinicalProtocol.Discharge(
        discharge.bool("sedationBackToBaseline", defaults.sedationBackToBaseline()),
        discharge.integer("oxygenSaturationAbove", defaults.oxygenSaturationAbove(), 70, 99),
        new ClinicalProtocol.BloodPressure(bp.integer("systolic", defaults.bloodPressureBelow().systolic(), 90, 250),
            bp.integer("diastolic", defaults.bloodPressureBelow().diastolic(), 50, 150)),
        discharge.bool("requiredReadings", defaults.requiredReadings()),
        discharge.integer("readingToleranceMinutes", defaults.readingToleranceMinutes(), 1, 60),
        discharge.bool("noOngoingAlert", defaults.noOngoingAlert()),
        discharge.bool("checklistMustAgree", defaults.checklistMustAgree()));
    java.util.Map<String, ClinicalProtocol.Consequence> start = ClinicalProtocol.Gates.defaultStart();
    JsonFields written = fields.objectOrEmpty("start");
    written.names().stream().filter(name -> !start.containsKey(name)).forEach(name -> written.problem(name,
        "is not a pre-dose finding", "use one of " + start.keySet()));
    for (String finding : start.keySet()) {
      if (!written.has(finding)) {
        continue;
      }
      String value = written.stringOr(finding, "");
      java.util.Optional<ClinicalProtocol.Consequence> consequence = java.util.Arrays.stream(
          ClinicalProtocol.Consequence.values()).filter(c -> c.written().equals(value)).findFirst();
      if (consequence.isEmpty()) {
        written.problem(finding, "\"" + value + "\" is not a consequence",
            "write absolute, prescriber-decision or caution");
      } else {
        start.put(finding, consequence.get());
      }
    }
    return new ClinicalProtocol.Gates(read, start, fields.integer("baselineMaxAgeMinutes",
        ClinicalProtocol.Gates.DEFAULTS.baselineMaxAgeMinutes(), 5, 240));
  }

  private List<ClinicalProtocol.MedicationClass> medications(JsonFields root) {
    List<ClinicalProtocol.MedicationClass> medications = new ArrayList<>();
    for (JsonFields fields : root.objects("interactingMedications")) {
      medications.add(new ClinicalProtocol.MedicationClass(
          fields.string("name", "name the medication class, e.g. \"Benzodiazepine\""),
          fields.string("concern", "say in one sentence why it matters during a ketamine session"),
          new HashSet<>(fields.strings("rxnormCodes")),
          lowerCase(fields.strings("nameKeywords"))));
    }
    return medications;
  }

  private List<ClinicalProtocol.ConditionRule> conditions(JsonFields root) {
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
    return conditions;
  }

  private ClinicalProtocol.AlertRules alertRules(JsonFields fields, ClinicalProtocol.BloodPressure gate) {
    JsonFields bp = fields.objectOrEmpty("bloodPressure");
    ClinicalProtocol.BloodPressure high = new ClinicalProtocol.BloodPressure(
        bp.integer("systolic", 180, 100, 260), bp.integer("diastolic", 110, 60, 160));
    if (high.systolic() <= gate.systolic() || high.diastolic() <= gate.diastolic()) {
      bp.problem("systolic", "the alert limit " + high.systolic() + "/" + high.diastolic()
          + " is not above the pre-dose gate " + gate.systolic() + "/" + gate.diastolic(),
          "raise the alert limit or lower bloodPressureGate, so a patient let through the gate is not in alert at once");
    }
    JsonFields heartRate = fields.objectOrEmpty("heartRate");
    JsonFields spo2 = fields.objectOrEmpty("oxygenSaturation");
    JsonFields sedation = fields.objectOrEmpty("sedation");
    return new ClinicalProtocol.AlertRules(high,
        bp.integer("consecutiveReadings", 2, 1, 5), bp.integer("minutesApart", 5, 1, 60),
        heartRate.integer("above", 120, 60, 220), heartRate.integer("sustainedMinutes", 5, 1, 60),
        spo2.integer("below", 92, 70, 99), sedation.integer("moaasAtOrBelow", 2, 0, 4),
        severe(fields.objectOrEmpty("severe")));
  }

  /** Severe single readings (defaults: BP ≥ 180/110, SpO₂ < 90, MOAA/S ≤ 2, HR ≥ 130 or ≤ 45). */
  private static ClinicalProtocol.Severe severe(JsonFields fields) {
    JsonFields bp = fields.objectOrEmpty("bloodPressure");
    JsonFields heartRate = fields.objectOrEmpty("heartRate");
    int atLeast = heartRate.integer("atLeast", 130, 60, 250);
    int atMost = heartRate.integer("atMost", 45, 20, 100);
    if (atMost >= atLeast) {
      heartRate.problem("atMost", "is " + atMost + ", not below atLeast (" + atLeast + ")",
          "write a low limit below the high one, e.g. atMost 45 and atLeast 130");
    }
    return new ClinicalProtocol.Severe(new ClinicalProtocol.BloodPressure(bp.integer("systolic", 180, 100, 300),
        bp.integer("diastolic", 110, 60, 200)), fields.objectOrEmpty("oxygenSaturation").integer("below", 90, 70, 99),
        fields.objectOrEmpty("sedation").integer("moaasAtOrBelow", 2, 0, 4), atLeast, atMost);
  }

  private ClinicalProtocol.Monitoring monitoring(JsonFields fields) {
    List<Integer> bpAt = fields.integers("bloodPressureAtMinutes", List.of(0, 40), 0, 720);
    int minimum = fields.integer("minimumMinutes", 120, 30, 720);
    for (int i = 1; i < bpAt.size(); i++) {
      if (bpAt.get(i) <= bpAt.get(i - 1)) {
        fields.problem("bloodPressureAtMinutes", "is not in ascending order", "list the minutes after the dose "
            + "from earliest to latest, each once, e.g. [0, 40]");
        break;
      }
    }
    if (!bpAt.isEmpty() && bpAt.get(bpAt.size() - 1) >= minimum) {
      fields.problem("bloodPressureAtMinutes", "has a check at " + bpAt.get(bpAt.size() - 1)
          + " min, not before the minimum monitoring time of " + minimum + " min",
          "schedule checks before minimumMinutes (the check before discharge is set by bloodPressureBeforeDischarge)");
    }
    int interval = fields.integer("checkIntervalMinutes", 15, 5, 120);
    if (interval >= minimum) {
      fields.problem("checkIntervalMinutes", "is " + interval + " min, not shorter than minimumMinutes (" + minimum
          + ")", "write an interval shorter than the minimum monitoring time, e.g. 15");
    }
    return new ClinicalProtocol.Monitoring(bpAt, fields.bool("bloodPressureBeforeDischarge", true), interval, minimum,
        remsWindow(fields.objectOrEmpty("remsBloodPressure")), fields.integer("moaasBaseline", 5, 1, 5));
  }

  private static ClinicalProtocol.RemsWindow remsWindow(JsonFields fields) {
    int at = fields.integer("atMinutes", 40, 1, 720);
    int from = fields.integer("fromMinutes", 25, 0, 720);
    int to = fields.integer("toMinutes", 60, 1, 720);
    if (from > at || at > to) {
      fields.problem("atMinutes", "is not between fromMinutes (" + from + ") and toMinutes (" + to + ")",
          "write fromMinutes ≤ atMinutes ≤ toMinutes, e.g. 25, 40 and 60");
    }
    return new ClinicalProtocol.RemsWindow(from, at, to);
  }

  private static ClinicalProtocol.Fasting fasting(JsonFields fields) {
    return new ClinicalProtocol.Fasting(fields.integer("foodHours", 2, 0, 12), fields.integer("liquidsMinutes", 30,
        0, 720));
  }

  private List<ClinicalProtocol.FollowUp> followUps(JsonFields root) {
    List<String> written = root.has("followUpSchedule") ? root.strings("followUpSchedule") : DEFAULT_FOLLOW_UPS;
    List<ClinicalProtocol.FollowUp> followUps = new ArrayList<>();
    for (String label : written) {
      Matcher matcher = FOLLOW_UP.matcher(label.trim().toLowerCase(Locale.ROOT));
      if (!matcher.matches()) {
        root.problem("followUpSchedule", "\"" + label + "\" is not a time after the session",
            "write a number and h (hours), d (days), w (weeks) or m (months), e.g. \"72h\" or \"1m\"");
        continue;
      }
      followUps.add(new ClinicalProtocol.FollowUp(label.trim(), Integer.parseInt(matcher.group(1)),
          UNITS.get(matcher.group(2))));
    }
    for (int i = 1; i < followUps.size(); i++) {
      if (approximateHours(followUps.get(i)) <= approximateHours(followUps.get(i - 1))) {
        root.problem("followUpSchedule", "\"" + followUps.get(i).label() + "\" does not come after \""
            + followUps.get(i - 1).label() + "\"", "list the follow-ups from earliest to latest");
        break;
      }
    }
    return followUps;
  }

  /** Hours after the session, taking a month as its average length; only used to check the order. */
  private static long approximateHours(ClinicalProtocol.FollowUp followUp) {
    return followUp.unit().getDuration().toHours() * followUp.amount();
  }

  private static ClinicalProtocol.Clinic clinic(JsonFields fields) {
    return new ClinicalProtocol.Clinic(
        fields.string("name", "write the clinic's name as patients know it"),
        fields.string("phone", "write the number patients call with questions after a session"),
        fields.stringOr("crisisLine", "988"));
  }

  private String recoveryInstructions(JsonFields root) {
    String fileName = root.stringOr("recoveryInstructionsFile", "config/recovery-instructions.md");
    Path file = workingDir.resolve(fileName);
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      root.problem("recoveryInstructionsFile", "file " + file + " cannot be read",
          "create it (start from the shipped config/recovery-instructions.md) or fix the path");
      return "";
    }
    if (text.isBlank()) {
      root.problem("recoveryInstructionsFile", "file " + file + " is empty",
          "write the handout patients take home after a session");
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      if (!ClinicalProtocol.RECOVERY_PLACEHOLDERS.contains(matcher.group(1))) {
        root.problem("recoveryInstructionsFile", "{{" + matcher.group(1) + "}} in " + file
            + " is not a known placeholder", "use only " + ClinicalProtocol.RECOVERY_PLACEHOLDERS.stream().sorted()
            .map(p -> "{{" + p + "}}").toList());
      }
    }
    return text;
  }

  private static List<String> lowerCase(List<String> words) {
    return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
  }
}
