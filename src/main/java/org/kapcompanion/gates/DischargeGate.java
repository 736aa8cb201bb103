package org.kapcompanion.gates;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.recorded.Alert;
import org.kapcompanion.recorded.AlertEvaluation;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.recorded.RecordedSession;
import org.kapcompanion.vocabulary.ItemId;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.web.ClinicTime;

/**
 * The one discharge decision, from what was recorded in the session and the clinic's protocol: the minimum time since
 * the recorded dose, the latest MOAA/S back at baseline, the latest SpO₂ and blood pressure within the discharge
 * limits, the scheduled blood pressures present ({@link DoseSchedule}: after every dose, a top-up's own
 * included), no alert still ongoing, and the checklist's "not resolved" answers.
 * Each of these can be overridden by a prescriber; a checklist answer that the recorded readings refute cannot. Pure.
 */
public final class DischargeGate {

  private static final String SEDATION = ItemId.SEDATION_RESOLVED.linkId();
  private static final String BP = ItemId.BP_ACCEPTABLE.linkId();
  private static final String STABLE = ItemId.CLINICALLY_STABLE.linkId();
  private static final String TIME = ItemId.TIME_SINCE_DOSE.linkId();

  private final ClinicalProtocol protocol;
  private final ZoneId zone;

  /** @param zone the clinic's time zone, in which reading times are shown */
  public DischargeGate(ClinicalProtocol protocol, ZoneId zone) {
    this.protocol = protocol;
    this.zone = zone;
  }

  /** The decision for {@code session} at {@code now}, given the discharge checklist's answers so far. */
  public GateDecision decide(RecordedSession session, ChecklistAnswers answers, Instant now) {
    ClinicalProtocol.Discharge rules = protocol.gates().discharge();
    List<Finding> findings = new ArrayList<>();
    time(session, now, findings);
    if (rules.sedationBackToBaseline()) {
      sedation(session, answers, rules, findings);
    }
    latest(session, ReadingKind.BLOOD_PRESSURE).filter(r -> r.value().intValue() >= rules.bloodPressureBelow()
        .systolic() || r.diastolic().filter(d -> d.intValue() >= rules.bloodPressureBelow().diastolic()).isPresent())
        .ifPresent(r -> unmet(findings, answers, rules, BP, "Blood pressure", shown(r) + " — above the discharge "
            + "limit (below " + rules.bloodPressureBelow().systolic() + "/" + rules.bloodPressureBelow().diastolic()
            + ")"));
    latest(session, ReadingKind.OXYGEN_SATURATION).filter(r -> r.value().intValue() <= rules.oxygenSaturationAbove())
        .ifPresent(r -> unmet(findings, answers, rules, STABLE, "Oxygen saturation", shown(r)
            + " — not above the discharge limit of " + rules.oxygenSaturationAbove() + " %"));
    if (rules.requiredReadings()) {
      requiredReadings(session, now, rules, findings);
    }
    if (rules.noOngoingAlert()) {
      AlertEvaluation.evaluate(protocol.alertRules(), session.readings()).stream().filter(Alert::ongoing)
          .forEach(alert -> findings.add(new Finding(STABLE, "Alert still open", alert.title() + ": "
              + alert.text(), Finding.Kind.PRESCRIBER)));
    }
    if (answers.no(ItemId.DISSOCIATION_RESOLVED.linkId())) {
      findings.add(new Finding(ItemId.DISSOCIATION_RESOLVED.linkId(), "Dissociation resolved",
          "Dissociation is not confirmed resolved.", Finding.Kind.PRESCRIBER));
    }
    return new GateDecision(findings);
  }

  private void time(RecordedSession session, Instant now, List<Finding> findings) {
    int minimum = protocol.monitoring().minimumMinutes();
    if (session.latestDose().isEmpty()) {
      findings.add(new Finding(TIME, "Minutes since the dose", "No dose is recorded in this session.",
          Finding.Kind.PRESCRIBER));
      return;
    }
    Instant dose = session.latestDose().get().effective();
    long minutes = Duration.between(dose, now).toMinutes();
    if (minutes < minimum) {
      findings.add(new Finding(TIME, "Minutes since the dose", "Only " + minutes + " minutes since the "
          + (session.doses().size() > 1 ? "latest " : "") + "dose at " + at(dose) + "; discharge needs at least "
          + minimum + ".", Finding.Kind.PRESCRIBER));
    }
  }

  private void sedation(RecordedSession session, ChecklistAnswers answers, ClinicalProtocol.Discharge rules,
      List<Finding> findings) {
    int baseline = protocol.monitoring().moaasBaseline();
    Optional<Reading> moaas = latest(session, ReadingKind.MOAAS);
    if (moaas.isEmpty()) {
      unmet(findings, answers, rules, SEDATION, "Sedation resolved", "No MOAA/S is recorded in this session, so "
          + "sedation is not shown to have resolved");
    } else if (moaas.get().value().intValue() < baseline) {
      unmet(findings, answers, rules, SEDATION, "Sedation resolved", shown(moaas.get())
          + " — sedation has not resolved (baseline " + baseline + ")");
    } else if (answers.no(SEDATION)) {
      findings.add(new Finding(SEDATION, "Sedation resolved", "Sedation is not confirmed resolved.",
          Finding.Kind.PRESCRIBER));
    }
  }

  /**
   * A criterion the record shows unmet: a prescriber may override it; but a checklist answer "yes" to the item
   * contradicts the record and is refused, with the reading shown.
   */
  private static void unmet(List<Finding> findings, ChecklistAnswers answers, ClinicalProtocol.Discharge rules,
      String linkId, String title, String what) {
    if (rules.checklistMustAgree() && answers.yes(linkId)) {
      findings.add(new Finding(linkId, title, "Answered \"yes\", but " + what + ". Answer \"no\"; a prescriber "
          + "may still authorise discharge.", Finding.Kind.REFUSED));
    } else {
      findings.add(new Finding(linkId, title, what + ".", Finding.Kind.PRESCRIBER));
    }
  }

  private void requiredReadings(RecordedSession session, Instant now, ClinicalProtocol.Discharge rules,
      List<Finding> findings) {
    Duration tolerance = Duration.ofMinutes(rules.readingToleranceMinutes());
    List<Reading> pressures = session.readings(ReadingKind.BLOOD_PRESSURE);
    for (DoseSchedule.Due due : DoseSchedule.bloodPressures(protocol.monitoring(),
        session.doses().stream().map(Dose::effective).toList())) {
      boolean taken = pressures.stream().anyMatch(r -> !r.effective().isBefore(due.at().minus(tolerance))
          && !r.effective().isAfter(due.at().plus(tolerance)));
      if (!taken) {
        findings.add(notTaken(due, session.doses().size() > 1, tolerance));
      }
    }
    if (protocol.monitoring().bloodPressureBeforeDischarge()
        && pressures.stream().noneMatch(r -> !r.effective().isBefore(now.minus(tolerance)))) {
      findings.add(new Finding(BP, "Blood pressure before discharge", "No blood pressure is recorded in the last "
          + tolerance.toMinutes() + " minutes.", Finding.Kind.PRESCRIBER));
    }
  }

  /** A scheduled blood pressure not recorded; in a session with a top-up it names the dose it follows. */
  private Finding notTaken(DoseSchedule.Due due, boolean topUp, Duration tolerance) {
    String dose = topUp ? "the dose given at " + at(due.dose()) : "the dose";
    String when = due.minutes() == 0 ? "at " + dose : "about " + due.minutes() + " minutes after " + dose;
    return new Finding(BP, "Blood pressure at " + due.minutes() + " min" + (topUp ? " after " + dose : ""),
        "No blood pressure is recorded " + when + " (due at " + at(due.at()) + ", ± " + tolerance.toMinutes()
            + " min).", Finding.Kind.PRESCRIBER);
  }

  private static Optional<Reading> latest(RecordedSession session, ReadingKind kind) {
    return session.readings(kind).stream().reduce((first, second) -> second);
  }

  /** A reading as the therapist reads it, e.g. "MOAA/S 2 at 13:40". */
  private String shown(Reading reading) {
    return reading.kind().label() + " " + reading.withUnit() + " at " + at(reading.effective());
  }

  private String at(Instant instant) {
    return ClinicTime.clock(instant, zone);
  }
}
