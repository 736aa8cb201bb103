package org.kapcompanion.review;

import java.util.List;
import java.util.Optional;

/**
 * One session as the review page and the printed summary show it; every value is ready to print as text.
 *
 * @param encounterId the session Encounter's id
 * @param title e.g. "KAP dosing session"
 * @param when the session's start, e.g. "2026-11-19 09:30"
 * @param sessionStatus e.g. "Finished"
 * @param therapist who ran it
 * @param reviewStatus e.g. "Awaiting review"
 * @param reviewStatusCode {@code awaiting-review}, {@code reviewed} or {@code changed-after-review}
 * @param reasons why it needs attention
 * @param coSigns every co-sign, latest last
 * @param comments the supervisors' review comments
 * @param rems the data a REMS patient-monitoring form asks for
 * @param chart the readings as JSON for the page's chart script
 * @param timeline everything recorded, in time order
 * @param plan the patient's latest integration plan
 * @param seenThrough when the EHR stored the newest record shown (epoch ms), sent back with a co-sign
 */
public record SessionView(
    String encounterId,
    String title,
    String when,
    String sessionStatus,
    String therapist,
    String reviewStatus,
    String reviewStatusCode,
    List<String> reasons,
    List<CoSignLine> coSigns,
    List<Comment> comments,
    Rems rems,
    String chart,
    List<TimelineEntry> timeline,
    Optional<Plan> plan,
    long seenThrough) {

  public boolean awaitsReview() {
    return !"reviewed".equals(reviewStatusCode);
  }

  /** A supervisor's co-sign: who and when. */
  public record CoSignLine(String supervisor, String when) {}

  /** A review comment. */
  public record Comment(String author, String when, String text) {}

  /**
   * Something recorded in the session.
   *
   * @param time when it happened, e.g. "09:50"
   * @param sinceDose minutes relative to the dose, e.g. "+40 min", or empty before a dose is known
   * @param kind e.g. "Readings", "Dose", "Note", "Pre-dose checklist"
   * @param title the gist, e.g. "BP 150/92 · HR 88"
   * @param details further lines, e.g. a checklist's answers
   * @param recordedBy who recorded it and when, from its Provenance, e.g. "Theo Marchetti, LMFT at 12:25"
   * @param changedAfterReview whether it was recorded or changed after the latest co-sign
   * @param alert whether it crossed an alert threshold or is an alert
   */
  public record TimelineEntry(String time, String sinceDose, String kind, String title, List<String> details,
      String recordedBy, boolean changedAfterReview, boolean alert) {}

  /**
   * What a REMS patient-monitoring form asks for; "Not recorded in this session" where the session does not say.
   *
   * @param medication the drugs given
   * @param doses every dose given, oldest first: time, drug, amount, route and lot
   * @param doseTotal what the doses add up to, e.g. "Ketamine 72 mg"
   * @param doseTime when the first dose was given
   * @param baselineTakenAt when the pre-dose checklist's baseline vital signs were taken
   * @param bpBefore the blood pressure before the dose
   * @param bpAt40 the reading closest to 40 minutes after the latest dose
   * @param bpAtEnd the last reading, or the one on the discharge checklist
   * @param monitoringMinutes from dose to ready to leave
   * @param readyToLeave when the patient was ready to leave
   * @param sedation readings with sedation (MOAA/S below 5)
   * @param dissociation readings with dissociation
   * @param adverseEvents the adverse events recorded
   */
  public record Rems(String medication, List<String> doses, String doseTotal, String doseTime,
      String baselineTakenAt, String bpBefore,
      String bpAt40, String bpAtEnd, String monitoringMinutes, String readyToLeave, List<String> sedation,
      List<String> dissociation, List<String> adverseEvents) {}

  /** The integration plan: what it is, when it was written, and its goals and activities as lines. */
  public record Plan(String title, String date, List<String> lines) {}
}
