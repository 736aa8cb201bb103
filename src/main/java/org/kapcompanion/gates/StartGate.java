package org.kapcompanion.gates;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.config.ClinicalProtocol.Gates;
import org.kapcompanion.vocabulary.Coded;
import org.kapcompanion.vocabulary.ItemId;
import org.kapcompanion.vocabulary.PrescriberDecisionCode;
import org.kapcompanion.vocabulary.ReadinessCode;
import org.kapcompanion.web.ClinicTime;

/**
 * The one decision whether a dosing session may start, from the pre-dose checklist as recorded and the clinic's
 * protocol: each finding (a contraindication answered "yes", a positive suicide screen, readiness "not ready", a
 * baseline blood pressure above the gate) has the consequence the protocol gives it — absolute (start impossible),
 * prescriber decision required (a named prescriber's decision to proceed, with a reason and a time) or caution
 * (shown). A free-text note never overrides; a checklist already used for a session never starts another. Pure.
 */
public final class StartGate {

  /** What each finding is called on screen and in the review, by the key the protocol uses. */
  static final Map<String, String> FINDINGS = new LinkedHashMap<>();

  static {
    FINDINGS.put(ItemId.CI_VASCULAR.linkId(), "Aneurysmal vascular disease or arteriovenous malformation");
    FINDINGS.put(ItemId.CI_INTRACEREBRAL_HAEMORRHAGE.linkId(), "History of intracerebral haemorrhage");
    FINDINGS.put(ItemId.CI_PREGNANCY.linkId(), "Pregnant or breastfeeding");
    FINDINGS.put(ItemId.CI_PSYCHOSIS_MANIA.linkId(), "Active psychosis or mania");
    FINDINGS.put(ItemId.CI_HYPERSENSITIVITY.linkId(), "Hypersensitivity to ketamine or esketamine");
    FINDINGS.put(ItemId.CI_MEDICAL.linkId(), "Raised intracranial pressure, recent myocardial infarction or unstable "
        + "angina, uncontrolled hyperthyroidism, or severe hepatic impairment");
    FINDINGS.put(ItemId.PRECAUTION_AIRWAY.linkId(), "Obstructive sleep apnea or another airway risk");
    FINDINGS.put(ItemId.CI_SUBSTANCE_USE.linkId(), "Active substance use disorder");
    FINDINGS.put(ItemId.CI_HYPERTENSION.linkId(), "Uncontrolled hypertension");
    FINDINGS.put(ItemId.CSSRS_POSITIVE.linkId(), "C-SSRS screen positive");
    FINDINGS.put(ItemId.BP_ABOVE_GATE.linkId(), "Blood pressure above the clinic's pre-dose gate");
    FINDINGS.put(Gates.readinessFinding(ReadinessCode.NOT_READY), "Readiness: not ready");
    FINDINGS.put(Gates.readinessFinding(ReadinessCode.NEEDS_MORE_PREP), "Readiness: needs more preparation");
    FINDINGS.put(ItemId.MISUSE_CRAVING.linkId(), "Craving for ketamine between sessions");
    FINDINGS.put(ItemId.MISUSE_OUTSIDE_USE.linkId(), "Ketamine or another dissociative used outside the clinic");
    FINDINGS.put(ItemId.MISUSE_MORE_REQUESTED.linkId(), "Asked for sessions sooner or a higher dose than planned");
  }

  private final ClinicalProtocol.Gates gates;
  private final ZoneId zone;

  /** @param zone the clinic's time zone, in which times are shown */
  public StartGate(ClinicalProtocol.Gates gates, ZoneId zone) {
    this.gates = gates;
    this.zone = zone;
  }

  /**
   * The decision on a pre-dose checklist.
   *
   * @param answers the checklist's answers
   * @param usedBy the start of a dosing session already started on this checklist, when there is one
   */
  public GateDecision decide(ChecklistAnswers answers, Optional<Instant> usedBy) {
    List<Finding> findings = new ArrayList<>();
    usedBy.ifPresent(start -> findings.add(new Finding("", "Pre-dose checklist", "This checklist was used for the "
        + "session started at " + ClinicTime.clock(start, zone) + "; a new dosing session needs a new pre-dose "
        + "checklist.", Finding.Kind.REFUSED)));
    Optional<String> readiness = code(answers, ItemId.READINESS.linkId())
        .flatMap(code -> Coded.byValue(ReadinessCode.class, code)).map(Gates::readinessFinding);
    FINDINGS.forEach((key, title) -> {
      boolean found = readiness.filter(key::equals).isPresent() || answers.yes(key);
      if (found) {
        findings.add(finding(key, title, gates.consequence(key)));
      }
    });
    String decision = code(answers, ItemId.PRESCRIBER_DECISION.linkId()).orElse("");
    if (PrescriberDecisionCode.POSTPONE.value().equals(decision) && findings.stream().anyMatch(f -> f.kind() == Finding.Kind.PRESCRIBER)) {
      findings.add(new Finding(ItemId.PRESCRIBER_DECISION.linkId(), "Prescriber's decision",
          "The prescriber decided to postpone dosing.", Finding.Kind.REFUSED));
    }
    return new GateDecision(findings);
  }

  /** The prescriber's decision as the checklist records it: complete only when it is to proceed. */
  public static PrescriberDecision decision(ChecklistAnswers answers) {
    if (!code(answers, ItemId.PRESCRIBER_DECISION.linkId()).filter(PrescriberDecisionCode.PROCEED.value()::equals).isPresent()) {
      return PrescriberDecision.NONE;
    }
    return new PrescriberDecision(text(answers, ItemId.PRESCRIBER_NAME.linkId()),
        text(answers, ItemId.PRESCRIBER_REASON.linkId()), answers.first(ItemId.PRESCRIBER_DECIDED_AT.linkId())
            .filter(org.hl7.fhir.r4.model.BaseDateTimeType.class::isInstance)
            .map(v -> ((org.hl7.fhir.r4.model.BaseDateTimeType) v).getValue()).map(java.util.Date::toInstant));
  }

  private static Finding finding(String key, String title, ClinicalProtocol.Consequence consequence) {
    String readiness = ItemId.READINESS.linkId();
    String linkId = key.startsWith(readiness + "-") ? readiness : key;
    return switch (consequence) {
      case ABSOLUTE -> new Finding(linkId, title, "Contraindication: dosing cannot start today (clinic protocol).",
          Finding.Kind.REFUSED);
      case PRESCRIBER_DECISION -> new Finding(linkId, title, "Dosing needs a prescriber's decision to proceed: "
          + "name, reason and time.", Finding.Kind.PRESCRIBER);
      case CAUTION -> new Finding(linkId, title, "Caution: make sure the prescriber knows.", Finding.Kind.CAUTION);
    };
  }

  private static Optional<String> code(ChecklistAnswers answers, String linkId) {
    return answers.first(linkId).filter(Coding.class::isInstance).map(v -> ((Coding) v).getCode());
  }

  private static String text(ChecklistAnswers answers, String linkId) {
    return answers.first(linkId).map(org.hl7.fhir.r4.model.Type::primitiveValue).map(String::strip).orElse("");
  }
}
