package org.kapcompanion.integration;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.kapcompanion.config.ClinicalProtocol;

/**
 * The plan a new integration plan starts from: one goal line per intention stated in preparation, the clinic's
 * follow-up schedule dated from the session, PHQ-9 and GAD-7 re-measured after two weeks, and the clinic's crisis
 * contacts.
 */
final class PlanDefaults {

  /** Practices offered as choices (DESIGN §1); the therapist may add others. */
  static final List<String> PRACTICES = List.of("Journaling", "Meditation", "Yoga", "Time in nature", "Breathwork",
      "Creative expression (art, music)", "Movement or exercise", "Talking with a trusted person");
  private static final int GOAL_WEEKS = 4;
  private static final int REMEASURE_DAYS = 14;

  private PlanDefaults() {}

  /** A new plan for a session on {@code sessionDate}, from the preparation's {@code intentions} text. */
  static IntegrationPlan of(Optional<String> intentions, ClinicalProtocol protocol, LocalDate sessionDate,
      ZoneId zone) {
    List<IntegrationPlan.GoalLine> goals = intentions.stream()
        .flatMap(text -> Arrays.stream(text.split("[;\\n]+"))).map(String::strip).filter(s -> !s.isEmpty())
        .map(intention -> new IntegrationPlan.GoalLine(intention, "", "",
            Optional.of(sessionDate.plusWeeks(GOAL_WEEKS)), Optional.empty()))
        .toList();
    List<IntegrationPlan.FollowUpVisit> followUps = protocol.followUps().stream()
        .map(f -> new IntegrationPlan.FollowUpVisit(f.label(),
            f.dueAfter(sessionDate.atStartOfDay(zone)).toLocalDate()))
        .toList();
    List<IntegrationPlan.Remeasure> measures = List.of(
        new IntegrationPlan.Remeasure(OutcomeMeasure.PHQ9, sessionDate.plusDays(REMEASURE_DAYS)),
        new IntegrationPlan.Remeasure(OutcomeMeasure.GAD7, sessionDate.plusDays(REMEASURE_DAYS)));
    return new IntegrationPlan(goals, List.of(), "", "", followUps, measures, crisisContacts(protocol.clinic()));
  }

  /** The clinic's contacts as one line, e.g. "Example Clinic: +1 555 0100; crisis line: 988". */
  static String crisisContacts(ClinicalProtocol.Clinic clinic) {
    return clinic.name() + ": " + clinic.phone() + "; crisis line: " + clinic.crisisLine();
  }
}
