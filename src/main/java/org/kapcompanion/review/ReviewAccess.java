package org.kapcompanion.review;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.web.Templates;

/**
 * What the signed-in user may do in the review, from their role and the scopes the EHR granted: every patient's
 * sessions (user-level scopes, a supervisor's standalone sign-in) or the launched patient's (an EHR launch), and
 * whether the session may co-sign and keep the queue.
 *
 * @param patientId the only patient reachable, for an EHR launch with patient-level scopes
 * @param canCoSign whether it may write the co-sign Provenance and the review Task
 * @param keepsQueue whether it may bring the review Tasks up to date (user-level Task writes)
 */
record ReviewAccess(Optional<String> patientId, boolean canCoSign, boolean keepsQueue) {

  boolean allPatients() {
    return patientId.isEmpty();
  }

  /** Whether it may pick up sessions recorded by other systems: every patient's sessions, and the queue kept. */
  boolean picksUpSessions() {
    return allPatients() && keepsQueue;
  }

  /** The access of a session, or empty when it has none (not a supervisor, or no scopes to read sessions). */
  static Optional<ReviewAccess> of(AppSession session) {
    if (!session.supervisor()) {
      return Optional.empty();
    }
    if (session.grants("user", "Encounter", 's') && session.grants("user", "Task", 's')) {
      boolean writesTasks = session.grants("user", "Task", 'c') && session.grants("user", "Task", 'u');
      return Optional.of(new ReviewAccess(Optional.empty(),
          writesTasks && session.grants("user", "Provenance", 'c'), writesTasks));
    }
    Optional<String> patient = session.context().patientId();
    if (patient.isPresent() && session.grants("patient", "Encounter", 's')) {
      boolean coSign = session.grants("patient", "Provenance", 'c') && session.grants("patient", "Task", 'c')
          && session.grants("patient", "Task", 'u');
      return Optional.of(new ReviewAccess(patient, coSign, false));
    }
    return Optional.empty();
  }

  /** The 403 page for a session without access, saying why and what to do. */
  static void refuse(AppSession session, Templates templates, HttpServletResponse response) throws IOException {
    if (!session.supervisor()) {
      templates.error(response, 403, "Supervisor review is not available to you",
          "Only clinical supervisors can open the review queue and co-sign sessions. The EHR does not record you as a "
              + "supervisor, and this clinic's settings do not list you. If you supervise KAP sessions, ask IT to "
              + "record your supervisor role, then sign in again.");
      return;
    }
    templates.error(response, 403, "The EHR did not allow KAP Companion to read sessions",
        "Your sign-in lets KAP Companion see no KAP sessions. Sign in again from the start page with "
            + "\"Review sessions\", or ask IT to check the app's permissions.");
  }
}
