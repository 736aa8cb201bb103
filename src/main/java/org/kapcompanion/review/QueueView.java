package org.kapcompanion.review;

import java.util.List;
import java.util.Optional;

/**
 * One page of the review queue as the page shows it.
 *
 * @param rows the sessions on this page, needing attention first, then newest first
 * @param total how many sessions the filter matches
 * @param page this page, from 1
 * @param pages how many pages there are
 * @param allPatients whether it spans every patient (else only the launched patient's sessions)
 * @param from the first day, {@code yyyy-MM-dd} or {@code ""}
 * @param to the last day, {@code yyyy-MM-dd} or {@code ""}
 * @param therapists the therapist filter's choices
 * @param statuses the review status filter's choices
 * @param attentions the attention filter's choices
 * @param previous the query string of the previous page
 * @param next the query string of the next page
 * @param notice what the supervisor should know about the queue itself, e.g. that it is still catching up
 */
public record QueueView(
    List<Row> rows,
    int total,
    int page,
    int pages,
    boolean allPatients,
    String from,
    String to,
    List<Option> therapists,
    List<Option> statuses,
    List<Option> attentions,
    Optional<String> previous,
    Optional<String> next,
    Optional<String> notice) {

  /**
   * One session in the queue.
   *
   * @param encounterId the session Encounter's id (for its review page link)
   * @param patient the patient's name
   * @param therapist the therapist's name
   * @param session e.g. "KAP dosing session"
   * @param when the session's start
   * @param sessionStatus e.g. "Finished"
   * @param reasons why it needs attention
   * @param reviewStatus e.g. "Awaiting review"
   * @param reviewStatusCode {@code awaiting-review}, {@code reviewed} or {@code changed-after-review}
   * @param reviewed who co-signed and when, e.g. "Dr. Ines Achterberg, MD, 2026-11-20 16:20"
   */
  public record Row(String encounterId, String patient, String therapist, String session, String when,
      String sessionStatus, List<String> reasons, String reviewStatus, String reviewStatusCode,
      Optional<String> reviewed) {}

  /** A choice of a filter. */
  public record Option(String value, String label, boolean selected) {}
}
