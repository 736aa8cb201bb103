package org.kapcompanion.integration;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * An integration plan as the therapist edits it: goals phrased from the patient's intentions, practices, themes,
 * support network, follow-ups, outcome re-measurement and the clinic's crisis contacts.
 *
 * @param goals goals with their target dates, each linked to the intention it comes from when there is one
 * @param practices integration practices, e.g. journaling or meditation
 * @param themes themes and insights of the session, in the therapist's words
 * @param supportNetwork who supports the patient between sessions
 * @param followUps follow-up sessions, earliest first
 * @param measures outcome questionnaires to administer again
 * @param crisisContacts whom the patient calls when they feel unsafe (from the clinic's protocol)
 */
record IntegrationPlan(List<GoalLine> goals, List<String> practices, String themes, String supportNetwork,
    List<FollowUpVisit> followUps, List<Remeasure> measures, String crisisContacts) {

  IntegrationPlan {
    goals = List.copyOf(goals);
    practices = List.copyOf(practices);
    followUps = List.copyOf(followUps);
    measures = List.copyOf(measures);
  }

  /**
   * One goal.
   *
   * @param intention the intention from preparation it is phrased from, empty when none
   * @param insight what the session showed about that intention
   * @param goal the goal in the patient's words
   * @param target the target date
   * @param existing the Goal on the EHR (or in the outbox) this line edits, empty for a new goal
   */
  record GoalLine(String intention, String insight, String goal, Optional<LocalDate> target,
      Optional<Existing> existing) {}

  /** A follow-up session, e.g. "1w" on a date. */
  record FollowUpVisit(String label, LocalDate date) {}

  /** An outcome questionnaire to administer again on a date. */
  record Remeasure(OutcomeMeasure measure, LocalDate date) {}

  /**
   * A resource the plan already has.
   *
   * @param reference {@code Type/id} on the EHR
   * @param version its {@code meta.versionId} as read, sent back as {@code If-Match}
   * @param entryId the entry identifier it carries
   */
  record Existing(String reference, Optional<String> version, String entryId) {}
}
