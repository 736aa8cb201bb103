package org.kapcompanion.monitoring;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.kapcompanion.forms.FormView;
import org.kapcompanion.predose.PredoseReadiness;
import org.kapcompanion.recorded.Alert;
import org.kapcompanion.vocabulary.AdverseEventCode;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.Labelled;
import org.kapcompanion.vocabulary.Route;

/**
 * What the dosing workspace shows: whether a session runs (or why it cannot start yet), every dose given with their
 * total and the clock, the next check, alerts, the chart data and the timeline.
 *
 * @param running whether today's dosing session is running
 * @param predose whether today's pre-dose checklist lets the session start, and if not, why
 * @param startUnderWay when not running: the clinic-clock time a dosing session was started today by another
 *     clinician whose start has not reached the EHR yet, e.g. {@code 14:05}; a second one cannot be started meanwhile
 * @param doses every dose given in the session, oldest first
 * @param doseTotal what the doses add up to, e.g. "Ketamine 72 mg"
 * @param doseTime the first dose's time as an ISO instant, for the page's clock
 * @param minutesSinceDose minutes since the first dose at render time
 * @param next the next scheduled check
 * @param alerts the alert episodes of the session not yet acknowledged, earliest first (ongoing or not)
 * @param timeline everything recorded, newest first
 * @param chart the chart's readings and limits as JSON
 */
public record Workspace(boolean running, PredoseReadiness.Status predose, Optional<String> startUnderWay,
    List<GivenDose> doses, String doseTotal, String doseTime, long minutesSinceDose, Optional<NextCheck> next,
    List<Alert> alerts, List<TimelineItem> timeline, String chart) {

  /**
   * A dose as the page lists it.
   *
   * @param entryId its entry identifier, which the dose form sends back as a dose the page showed
   * @param clockTime when it was given, on the clinic's clock, e.g. {@code 10:02}
   * @param shown what was given, e.g. "Ketamine 32 mg IM · lot KX1"
   */
  public record GivenDose(String entryId, String clockTime, String shown) {}

  /** What the session clock counts from: "since dose", or "since the first dose" once there are more. */
  public String clockSince() {
    return doses.size() > 1 ? "since the first dose" : "since dose";
  }

  /** The entry ids of the doses listed, separated by spaces: what the dose form says the page showed. */
  public String knownDoses() {
    return String.join(" ", doses.stream().map(GivenDose::entryId).toList());
  }

  /** Whether a dose is recorded. */
  public boolean dosed() {
    return !doses.isEmpty();
  }

  /** The drugs of the dose form. */
  public List<FormView.Option> drugs() {
    return optionsOf(Drug.values());
  }

  /** The routes of the dose form. */
  public List<FormView.Option> routes() {
    return optionsOf(Route.values());
  }

  /** A form option for each constant: its code value, shown by the name the pages give it. */
  private static List<FormView.Option> optionsOf(Labelled[] constants) {
    return Stream.of(constants).map(constant -> new FormView.Option(constant.value(), constant.label())).toList();
  }

  /** The adverse events the form offers, by label, each with the protocol's response. */
  public List<AdverseEventCode> adverseEvents() {
    return Stream.of(AdverseEventCode.values()).sorted(Comparator.comparing(AdverseEventCode::label)).toList();
  }
}
