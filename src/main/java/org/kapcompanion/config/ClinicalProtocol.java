package org.kapcompanion.config;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.kapcompanion.vocabulary.AdverseEventCode;
import org.kapcompanion.vocabulary.ItemId;
import org.kapcompanion.vocabulary.ReadinessCode;

/**
 * The clinic's clinical rules, read from {@code config/clinical-protocol.json}: which medications interact with
 * ketamine, which conditions contraindicate it, the pre-dose blood-pressure gate, the in-session alert rules and
 * monitoring schedule, fasting rules, the follow-up schedule and the recovery-instructions handout.
 *
 * @param interactingMedications medication classes to flag on the record
 * @param contraindications conditions to flag on the record
 * @param bloodPressureGate the pre-dose systolic/diastolic limit above which a prescriber must decide
 * @param alertRules vital-sign and sedation readings during the session that raise an alert
 * @param monitoring when vitals are due and how long the patient is monitored at least
 * @param fasting how long before the dose the patient must not eat or drink
 * @param followUps when integration follow-ups are due after the dosing session, earliest first
 * @param clinic who patients contact after a session, as filled into the handout
 * @param recoveryInstructions the discharge handout as a Markdown template with {@code {{placeholders}}}
 * @param course the treatment course's planned series, dependency and misuse limits and re-measurement interval
 * @param gates what the start and discharge gates require, and what each pre-dose finding means for the start
 * @param adverseEventResponses the clinic's response to each adverse event it names; an event left out has its
 *     default response ({@link AdverseEventCode#response()})
 */
public record ClinicalProtocol(
    List<MedicationClass> interactingMedications,
    List<ConditionRule> contraindications,
    BloodPressure bloodPressureGate,
    AlertRules alertRules,
    Monitoring monitoring,
    Fasting fasting,
    List<FollowUp> followUps,
    Clinic clinic,
    String recoveryInstructions,
    CourseRules course,
    Gates gates,
    Map<AdverseEventCode, String> adverseEventResponses) {

  /** The placeholders the recovery-instructions template may use; the session workspace fills them in. */
  public static final Set<String> RECOVERY_PLACEHOLDERS =
      Set.of("clinicName", "clinicPhone", "crisisLine", "dischargeTime", "nextFollowUp");

  public ClinicalProtocol {
    interactingMedications = List.copyOf(interactingMedications);
    contraindications = List.copyOf(contraindications);
    followUps = List.copyOf(followUps);
    adverseEventResponses = Map.copyOf(adverseEventResponses);
  }

  /** A protocol with the shipped course and gate defaults. */
  public ClinicalProtocol(List<MedicationClass> interactingMedications, List<ConditionRule> contraindications,
      BloodPressure bloodPressureGate, AlertRules alertRules, Monitoring monitoring, Fasting fasting,
      List<FollowUp> followUps, Clinic clinic, String recoveryInstructions) {
    this(interactingMedications, contraindications, bloodPressureGate, alertRules, monitoring, fasting, followUps,
        clinic, recoveryInstructions, CourseRules.defaults(), Gates.DEFAULTS, Map.of());
  }

  /** What the clinic's protocol says to do when {@code event} occurs; blank when it names no response. */
  public String adverseEventResponse(AdverseEventCode event) {
    return adverseEventResponses.getOrDefault(event, event.response());
  }

  /**
   * A class of medications that interacts with ketamine.
   *
   * @param name the class, e.g. "Benzodiazepine"
   * @param concern what the clinician should know, in one sentence
   * @param rxnormCodes RxNorm ingredient codes of its members
   * @param nameKeywords lower-case words that identify members by name when codes are missing or product-level
   */
  public record MedicationClass(String name, String concern, Set<String> rxnormCodes, List<String> nameKeywords) {}

  /**
   * A condition to flag before dosing.
   *
   * @param name what it is called on screen
   * @param severity {@code contraindication} or {@code caution}
   * @param snomedCodes SNOMED CT codes that identify it
   * @param nameKeywords lower-case words that identify it by its text
   */
  public record ConditionRule(String name, String severity, Set<String> snomedCodes, List<String> nameKeywords) {}

  /**
   * The clinic's contact details for the recovery handout.
   *
   * @param name the clinic's name
   * @param phone the number patients call with questions after a session
   * @param crisisLine the crisis line patients call or text when they feel unsafe
   */
  public record Clinic(String name, String phone, String crisisLine) {}

  /** A blood pressure in mmHg. */
  public record BloodPressure(int systolic, int diastolic) {}

  /**
   * Readings during the session that raise an alert.
   *
   * @param bloodPressure systolic or diastolic at or above this, {@code bloodPressureReadings} times in a row
   * @param bloodPressureReadings how many consecutive high readings make an alert
   * @param bloodPressureMinutesApart the least time between those readings, in minutes
   * @param heartRateAbove heart rate (beats/min) above which an alert is raised when sustained
   * @param heartRateSustainedMinutes how long the heart rate must stay above the limit, in minutes
   * @param oxygenSaturationBelow SpO₂ (%) below which an alert is raised at once
   * @param sedationAtOrBelow MOAA/S score (0–5) at or below which an alert is raised at once
   * @param severe single readings that raise an alert at once, in addition to the rules above
   */
  public record AlertRules(
      BloodPressure bloodPressure,
      int bloodPressureReadings,
      int bloodPressureMinutesApart,
      int heartRateAbove,
      int heartRateSustainedMinutes,
      int oxygenSaturationBelow,
      int sedationAtOrBelow,
      Severe severe) {}

  /**
   * Severe single readings: one is enough to raise an alert.
   *
   * @param bloodPressure systolic or diastolic at or above this
   * @param oxygenSaturationBelow SpO₂ (%) below this
   * @param sedationAtOrBelow MOAA/S at or below this
   * @param heartRateAtLeast heart rate (beats/min) at or above this
   * @param heartRateAtMost heart rate (beats/min) at or below this
   */
  public record Severe(BloodPressure bloodPressure, int oxygenSaturationBelow, int sedationAtOrBelow,
      int heartRateAtLeast, int heartRateAtMost) {}

  /**
   * The monitoring schedule of a dosing session.
   *
   * @param bloodPressureAtMinutes minutes after the dose at which blood pressure is due, ascending (e.g. 0, 40)
   * @param bloodPressureBeforeDischarge whether a blood pressure is due before discharge
   * @param checkIntervalMinutes how often vitals are due in between
   * @param minimumMinutes the least time from dose to discharge
   * @param remsBloodPressure which reading the REMS summary reports as the mid-session blood pressure
   * @param moaasBaseline the MOAA/S score of a patient whose sedation has resolved; lower scores are reported
   */
  public record Monitoring(
      List<Integer> bloodPressureAtMinutes,
      boolean bloodPressureBeforeDischarge,
      int checkIntervalMinutes,
      int minimumMinutes,
      RemsWindow remsBloodPressure,
      int moaasBaseline) {

    public Monitoring {
      bloodPressureAtMinutes = List.copyOf(bloodPressureAtMinutes);
    }
  }

  /**
   * The REMS monitoring form's mid-session blood pressure: the reading nearest {@code atMinutes} after the dose,
   * taken between {@code fromMinutes} and {@code toMinutes}; later readings count as the blood pressure at the end.
   */
  public record RemsWindow(int fromMinutes, int atMinutes, int toMinutes) {}

  /**
   * Fasting before the dose.
   *
   * @param foodHours no food for this many hours before the dose
   * @param liquidsMinutes no liquids for this many minutes before the dose
   */
  public record Fasting(int foodHours, int liquidsMinutes) {}

  /**
   * One follow-up after a dosing session.
   *
   * @param label how it was written in the protocol, e.g. "72h" or "1m"
   * @param amount how many units after the session
   * @param unit hours, days, weeks or months
   */
  public record FollowUp(String label, int amount, ChronoUnit unit) {

    /** When this follow-up is due for a session that ended at {@code sessionEnd}. */
    public ZonedDateTime dueAfter(ZonedDateTime sessionEnd) {
      return sessionEnd.plus(amount, unit);
    }
  }

  /** What a pre-dose finding means for starting the dosing session. */
  public enum Consequence {
    /** The session cannot start. */
    ABSOLUTE("absolute"),
    /** The session starts only after a named prescriber decides to proceed, with a reason and a time. */
    PRESCRIBER_DECISION("prescriber-decision"),
    /** Shown to the therapist; the session may start. */
    CAUTION("caution");

    private final String written;

    Consequence(String written) {
      this.written = written;
    }

    /** How the protocol file writes it. */
    public String written() {
      return written;
    }
  }

  /**
   * The start and discharge gates.
   *
   * @param discharge what discharge requires of the recorded readings
   * @param start the consequence of each pre-dose finding, by the checklist item's {@code linkId} (for readiness,
   *     {@code readiness-not-ready} and {@code readiness-needs-more-prep})
   * @param baselineMaxAgeMinutes how long before the checklist is judged its baseline vital signs may have been taken
   *     (and on the same day): an older reading is neither pre-filled nor accepted as the baseline
   */
  public record Gates(Discharge discharge, java.util.Map<String, Consequence> start, int baselineMaxAgeMinutes) {

    /** The shipped defaults (config/README.md says where each comes from). */
    public static final Gates DEFAULTS = new Gates(
        new Discharge(true, 92, new BloodPressure(160, 100), true, 15, true, true),
        defaultStart(), 120);

    public Gates {
      start = java.util.Map.copyOf(start);
    }

    /** The consequence of a finding; a finding the protocol does not name needs a prescriber's decision. */
    public Consequence consequence(String finding) {
      return start.getOrDefault(finding, Consequence.PRESCRIBER_DECISION);
    }

    /** The default consequence of each pre-dose finding. */
    public static java.util.Map<String, Consequence> defaultStart() {
      java.util.Map<String, Consequence> start = new java.util.LinkedHashMap<>();
      for (ItemId absolute : List.of(ItemId.CI_VASCULAR, ItemId.CI_INTRACEREBRAL_HAEMORRHAGE, ItemId.CI_PREGNANCY,
          ItemId.CI_PSYCHOSIS_MANIA, ItemId.CI_HYPERSENSITIVITY)) {
        start.put(absolute.linkId(), Consequence.ABSOLUTE);
      }
      for (ItemId decision : List.of(ItemId.CI_MEDICAL, ItemId.CI_SUBSTANCE_USE, ItemId.CI_HYPERTENSION,
          ItemId.CSSRS_POSITIVE, ItemId.BP_ABOVE_GATE, ItemId.MISUSE_CRAVING, ItemId.MISUSE_OUTSIDE_USE,
          ItemId.MISUSE_MORE_REQUESTED)) {
        start.put(decision.linkId(), Consequence.PRESCRIBER_DECISION);
      }
      start.put(readinessFinding(ReadinessCode.NOT_READY), Consequence.PRESCRIBER_DECISION);
      start.put(readinessFinding(ReadinessCode.NEEDS_MORE_PREP), Consequence.CAUTION);
      start.put(ItemId.PRECAUTION_AIRWAY.linkId(), Consequence.CAUTION);
      return start;
    }

    /** The finding a readiness answer makes, as the protocol names it, e.g. {@code readiness-not-ready}. */
    public static String readinessFinding(ReadinessCode answer) {
      return ItemId.READINESS.linkId() + "-" + answer.value();
    }
  }

  /**
   * What discharge requires of what was recorded in the session.
   *
   * @param sedationBackToBaseline the latest MOAA/S must be at {@code monitoring.moaasBaseline}
   * @param oxygenSaturationAbove the latest SpO₂ (%) must be above this
   * @param bloodPressureBelow the latest blood pressure must be below this systolic and diastolic
   * @param requiredReadings the blood pressures of {@code monitoring.bloodPressureAtMinutes} and before discharge
   *     must be recorded
   * @param readingToleranceMinutes how far from its time a scheduled reading may be taken and still count
   * @param noOngoingAlert no alert episode may still be ongoing
   * @param checklistMustAgree a checklist answer that contradicts a recorded reading is refused
   */
  public record Discharge(boolean sedationBackToBaseline, int oxygenSaturationAbove, BloodPressure bloodPressureBelow,
      boolean requiredReadings, int readingToleranceMinutes, boolean noOngoingAlert, boolean checklistMustAgree) {}
}
