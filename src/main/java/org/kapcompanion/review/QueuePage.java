package org.kapcompanion.review;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.web.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /s/{h}/review}: the review queue, brought up to date with the EHR first where the session may. */
final class QueuePage implements ReviewGuard.Handler {

  private static final Logger LOG = LoggerFactory.getLogger(QueuePage.class);

  private final ReviewIndex index;
  private final ReviewQueue queue;
  private final Templates templates;

  QueuePage(ReviewIndex index, ReviewQueue queue, Templates templates) {
    this.index = index;
    this.queue = queue;
    this.templates = templates;
  }

  @Override
  public void handle(ActiveSession active, ReviewAccess access, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    QueueFilter filter = QueueFilter.parse(request::getParameter);
    QueueView view;
    if (access.allPatients()) {
      view = queue.allPatients(active, filter, update(active, access));
    } else {
      view = queue.onePatient(active, access.patientId().orElseThrow(), filter);
    }
    templates.render(response, 200, "review/queue.jte", Map.of("queue", view, "basePath", active.basePath()));
  }

  /** Brings the queue up to date where the session may; what the supervisor should know if it is not. */
  private Optional<String> update(ActiveSession active, ReviewAccess access) {
    if (!access.keepsQueue()) {
      return Optional.of("The EHR did not allow KAP Companion to update the review queue, so sessions recorded "
          + "since it was last updated may be missing. Ask IT to check the app's permissions (Task).");
    }
    try {
      return index.update(active) == ReviewIndex.Freshness.UP_TO_DATE ? Optional.empty()
          : Optional.of("Recent sessions are still being added to the queue. Reload in a minute to see them.");
    } catch (BaseServerResponseException e) {
      LOG.warn("review queue update: the EHR answered HTTP {}", e.getStatusCode());
      return Optional.of("The EHR did not answer while the queue was being brought up to date, so it shows what was "
          + "known before. Reload in a moment.");
    }
  }
}
