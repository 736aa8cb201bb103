package org.kapcompanion.integration;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.Condition;
import org.kapcompanion.config.ClinicalProtocol;

/**
 * The plan a new integration plan starts from: one goal line per intention stated in preparation, the support
 * person named there, the clinic's follow-up schedule dated from the session, PHQ-9 and GAD-7 (and PCL-5 when PTSD is
 * on the problem list) re-measured after the protocol's re-measurement interval, and the clinic's crisis contacts.
 */
final class PlanDefaults {

  /** Practices offered as choices (DESIGN §1); the therapist may add others. */
  static final List<String> PRACTICES = List.of("Journaling", "Meditation", "Yoga", "Time in nature", "Breathwork",
      "Creative expression (art, music)", "Movement or exercise", "Talking with a trusted person");
  private static final int GOAL_WEEKS = 4;
  /** Posttraumatic stress disorder (disorder), as in the sandbox seed's CODES.md. */
  static final String PTSD_SNOMED = "47505003";
  private static final String SNOMED = "http://snomed.info/sct";

  private PlanDefaults() {}

  /**
   * A new plan for a session on {@code sessionDate}, from the preparation's {@code intentions} text and support
   * person; PCL-5 is re-measured too when PTSD is on the problem list.
   */
  static IntegrationPlan of(Optional<String> intentions, Optional<String> supportPerson, boolean ptsd,
      ClinicalProtocol protocol, LocalDate sessionDate, ZoneId zone) {
    List<IntegrationPlan.GoalLine> goals = intentions.stream()
        .flatMap(text -> Arrays.stream(text.split("[;\\n]+"))).map(String::strip).filter(s -> !s.isEmpty())
        .map(intention -> new IntegrationPlan.GoalLine(intention, "", "",
            Optional.of(sessionDate.plusWeeks(GOAL_WEEKS)), Optional.empty()))
        .toList();
    List<IntegrationPlan.FollowUpVisit> followUps = protocol.followUps().stream()
        .map(f -> new IntegrationPlan.FollowUpVisit(f.label(),
            f.dueAfter(sessionDate.atStartOfDay(zone)).toLocalDate()))
        .toList();
    List<IntegrationPlan.Remeasure> measures = (ptsd ? List.of(OutcomeMeasure.PHQ9, OutcomeMeasure.GAD7,
        OutcomeMeasure.PCL5) : List.of(OutcomeMeasure.PHQ9, OutcomeMeasure.GAD7)).stream()
        .map(measure -> new IntegrationPlan.Remeasure(measure,
            sessionDate.plusDays(protocol.course().remeasureEveryDays()))).toList();
    return new IntegrationPlan(goals, List.of(), "", supportPerson.orElse(""), followUps, measures,
        crisisContacts(protocol.clinic()));
  }

  /** PTSD by SNOMED CT 47505003 or by name, unless refuted, entered in error, resolved or inactive. */
  static boolean isPtsd(Condition condition) {
    String status = condition.getClinicalStatus().getCodingFirstRep().getCode();
    boolean current = status == null || List.of("active", "recurrence", "relapse").contains(status);
    boolean refuted = condition.getVerificationStatus().getCoding().stream()
        .anyMatch(c -> "refuted".equals(c.getCode()) || "entered-in-error".equals(c.getCode()));
    String text = (condition.getCode().getText() + " " + condition.getCode().getCoding().stream()
        .map(c -> String.valueOf(c.getDisplay())).reduce("", String::concat)).toLowerCase(Locale.ROOT);
    boolean named = condition.getCode().getCoding().stream()
        .anyMatch(c -> SNOMED.equals(c.getSystem()) && PTSD_SNOMED.equals(c.getCode()))
        || text.contains("ptsd") || text.contains("post-traumatic stress") || text.contains("posttraumatic stress");
    return current && !refuted && named;
  }

  /** The clinic's contacts as one line, e.g. "Example Clinic: +1 555 0100; crisis line: 988". */
  static String crisisContacts(ClinicalProtocol.Clinic clinic) {
    return clinic.name() + ": " + clinic.phone() + "; crisis line: " + clinic.crisisLine();
  }
}
