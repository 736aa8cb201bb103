/**
 * Supervisor review: the queue of KAP sessions across patients and therapists, the read-only timeline of one session,
 * the co-sign, and the printable session summary.
 *
 * <ul>
 *   <li><b>Who.</b> A supervisor is a user whose PractitionerRole carries the SNOMED CT occupation Supervisor, or whom
 *       the tenant's configuration lists; it is decided at sign-in ({@link org.kapcompanion.session.UserRoles}).
 *       Anyone else gets a 403 page, and no review link. A supervisor's standalone sign-in ("Review sessions" on the
 *       start page) has user-level scopes and sees every patient's dosing sessions; launched from a patient's chart,
 *       the review covers that patient's sessions, read and ordered in the app (one patient's sessions are few).</li>
 *   <li><b>The queue is the app's own index</b> ({@code review_session}, {@link org.kapcompanion.review.SessionIndex}):
 *       one row per dosing session with its patient, therapist, start, reasons (a safety alert, an adverse event, a
 *       prescriber decision at the blood-pressure gate, a dependency signal, a discharge not completed or completed on
 *       an override) and review status. It is built from what the app wrote
 *       ({@link org.kapcompanion.review.DeliveredSessions}): a session enters when the EHR confirms its Encounter (the
 *       session started, so an unfinished discharge is seen), and each confirmed alert, adverse event, checklist or
 *       discharge updates it, before the entry's receipt is kept. No search across patients is needed, which EHRs such
 *       as Epic and Oracle Health refuse. A queue page is one query of the index and one search of its sessions by
 *       id; the session page reads the session from the EHR, the source of truth for content.</li>
 *   <li><b>A review Task per session</b> ({@code kap-review-task}) is written by the same follow-up with the
 *       therapist's sign-in, found by its identifier (one per session) so a re-delivered entry never makes a second;
 *       where the EHR does not take it (a patient-level sign-in cannot write a Task: R4 keeps Task outside the Patient
 *       compartment) the queue works without it, and the co-sign writes it.</li>
 *   <li><b>Sessions recorded by other means</b> are picked up from the EHR's change feeds ({@code _lastUpdated}
 *       searches, {@link org.kapcompanion.review.FeedPickup}) where configured ({@code review.changeFeed}) and the
 *       EHR answers them: in the background when a supervisor signs in or asks for it, never while a page is shown.
 *       An EHR that refuses them switches the pickup off for its tenant, and the queue says so.</li>
 *   <li><b>Co-sign</b> writes the Provenance (supervisor as verifier, targets = the session and its records) and
 *       completes the Task with the comment, in one transaction, with a conditional create on the Provenance's entry
 *       tag ({@link org.kapcompanion.review.CoSignWriter}); the index records the session as reviewed.</li>
 * </ul>
 */
package org.kapcompanion.review;
