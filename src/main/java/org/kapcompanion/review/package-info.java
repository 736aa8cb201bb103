/**
 * Supervisor review: the queue of KAP sessions across patients and therapists, the read-only timeline of one session,
 * the co-sign, and the printable session summary.
 *
 * <ul>
 *   <li><b>Who.</b> A supervisor is a user whose PractitionerRole carries the SNOMED CT occupation Supervisor, or whom
 *       the tenant's configuration lists; it is decided at sign-in ({@link org.kapcompanion.launch.UserRoles}).
 *       Anyone else gets a 403 page, and no review link. A supervisor's standalone sign-in ("Review sessions" on the
 *       start page) has user-level scopes and sees every patient's dosing sessions; launched from a patient's chart,
 *       the review covers that patient's sessions, read and ordered in the app (one patient's sessions are few).</li>
 *   <li><b>The queue is a Task per session</b> ({@code kap-review-task}). What puts a session first — a safety alert,
 *       an adverse event, a prescriber decision at the blood-pressure gate, a discharge not completed — and whether
 *       it was co-signed cannot be asked of the EHR in one search: the decision is an answer inside a
 *       QuestionnaireResponse, "no completed discharge" and "not co-signed" are absences, and FHIR search has no OR
 *       across resource types and no negated {@code _has}. So the app keeps one Task per session that says it in
 *       searchable elements: {@code status} (requested / completed), {@code priority} (urgent while it needs
 *       attention and awaits review), {@code meta.tag} (the reasons), {@code requester} (the therapist),
 *       {@code authoredOn} (the session's start). A queue page is then one search with {@code _sort}, {@code _count},
 *       {@code _offset} and {@code _include}, however many sessions there are.</li>
 *   <li><b>The Task is derived, the record is the truth.</b> {@link org.kapcompanion.review.ReviewIndex} keeps the
 *       Tasks current from the EHR's own change feed ({@code _lastUpdated} searches on the session's resource types,
 *       with a watermark per feed in the app's store), so sessions written by any client appear, and a co-sign made
 *       elsewhere (a {@code kap-supervisor-review} Provenance) counts too.</li>
 *   <li><b>Co-sign</b> writes the Provenance (supervisor as verifier, targets = the session and its records) and
 *       completes the Task with the comment, in one transaction, with a conditional create on the Provenance's entry
 *       tag ({@link org.kapcompanion.review.CoSignWriter}).</li>
 * </ul>
 */
package org.kapcompanion.review;
