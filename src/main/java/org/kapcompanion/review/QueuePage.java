package org.kapcompanion.review;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.web.Templates;

/**
 * {@code GET /s/{h}/review}: the review queue as the app's index holds it (launched from a patient: that patient's
 * sessions as the EHR holds them), with where the pickup of sessions recorded by other means stands. It writes
 * nothing.
 */
final class QueuePage implements ReviewGuard.Handler {

  private final ReviewQueue queue;
  private final Optional<FeedPickup> pickup;
  private final Templates templates;

  /** @param pickup the change-feed pickup, when configured */
  QueuePage(ReviewQueue queue, Optional<FeedPickup> pickup, Templates templates) {
    this.queue = queue;
    this.pickup = pickup;
    this.templates = templates;
  }

  @Override
  public void handle(ActiveSession active, ReviewAccess access, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    QueueFilter filter = QueueFilter.parse(request::getParameter);
    QueueView view = access.allPatients() ? queue.allPatients(active, filter, notice(active, access))
        : queue.onePatient(active, access.patientId().orElseThrow(), filter);
    boolean picksUp = access.picksUpSessions() && pickup.isPresent();
    templates.render(response, 200, new QueueModel(view, active.basePath(), active.session().csrfToken(), picksUp));
  }

  /** What the supervisor should know about sessions recorded outside the app. */
  private Optional<String> notice(ActiveSession active, ReviewAccess access) {
    if (pickup.isEmpty()) {
      return Optional.empty();
    }
    if (!access.keepsQueue()) {
      return Optional.of("The EHR did not allow KAP Companion to add sessions recorded by other systems to the queue "
          + "(it lists every session recorded in KAP Companion). Ask IT to check the app's permissions (Task).");
    }
    return switch (pickup.get().state(active.session().tenantId())) {
      case CATCHING_UP -> Optional.of("Sessions recorded by other systems are still being added to the queue. "
          + "Reload in a minute to see them.");
      case REFUSED -> Optional.of("This EHR does not answer searches across patients, so sessions recorded by other "
          + "systems are not added to the queue. Every session recorded in KAP Companion is listed.");
      case IDLE -> Optional.empty();
    };
  }
}
