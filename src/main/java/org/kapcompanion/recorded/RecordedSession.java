package org.kapcompanion.recorded;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kapcompanion.vocabulary.ReadingKind;

/**
 * The typed facts of one dosing session, as decoded from its FHIR resources by {@link SessionDecoder}.
 *
 * @param doses every dose given in the session, oldest first (a top-up or second dose is never left out)
 * @param readings vitals and scales, oldest first
 * @param notes the therapist's notes, oldest first
 * @param adverseEvents adverse events, oldest first
 * @param alerts the alert Flags written for the session, oldest first
 * @param checklists the pre-dose and discharge checklists recorded in the session, oldest first
 */
public record RecordedSession(List<Dose> doses, List<Reading> readings, List<Note> notes,
    List<AdverseEvent> adverseEvents, List<RecordedAlert> alerts, List<Checklist> checklists) {

  /**
   * A therapist's note.
   *
   * @param entryId its entry identifier
   * @param effective when
   * @param text what was written
   * @param tags the quick tags' names (or codes)
   */
  public record Note(String entryId, Instant effective, String text, List<String> tags) {}

  /**
   * An alert Flag as recorded.
   *
   * @param entryId its entry identifier
   * @param start when the alert episode began
   * @param title the rule's display
   * @param text the readings that raised it
   * @param status the Flag's status, e.g. "Active"
   * @param acknowledged the therapist's acknowledgement of it, once recorded
   */
  public record RecordedAlert(String entryId, Instant start, String title, String text, String status,
      Optional<Acknowledgement> acknowledged) {}

  /**
   * The session note that acknowledges an alert ({@link Alert#acknowledgementId}).
   *
   * @param at when it was acknowledged
   * @param by who acknowledged it ({@code Practitioner/…}, the note's performer), when the note names them
   */
  public record Acknowledgement(Instant at, Optional<String> by) {}

  /** The first dose: the session clock and the chart run from it. */
  public Optional<Dose> firstDose() {
    return doses.stream().findFirst();
  }

  /**
   * The latest dose: the minimum monitoring time before discharge runs from it, and the monitoring schedule starts
   * again from it.
   */
  public Optional<Dose> latestDose() {
    return doses.stream().reduce((a, b) -> b);
  }

  /** What the session's doses add up to, e.g. "Ketamine 72 mg"; empty before a dose. */
  public String doseTotal() {
    return Dose.total(doses);
  }

  /** The readings of one kind, oldest first. */
  public List<Reading> readings(ReadingKind kind) {
    return readings.stream().filter(r -> r.kind() == kind).toList();
  }

  /** The latest checklist answering the Questionnaire with this canonical URL. */
  public Optional<Checklist> checklist(String questionnaire) {
    return checklists.stream().filter(c -> c.questionnaire().equals(questionnaire)).reduce((a, b) -> b);
  }
}
