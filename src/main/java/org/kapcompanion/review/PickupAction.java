package org.kapcompanion.review;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.web.Templates;

/**
 * {@code POST /s/{h}/review/pickup}: the supervisor asks for sessions recorded by other systems to be picked up from
 * the EHR's change feed (in the background), then sees the queue again.
 */
final class PickupAction implements ReviewGuard.Handler {

  private final FeedPickup pickup;
  private final Templates templates;

  PickupAction(FeedPickup pickup, Templates templates) {
    this.pickup = pickup;
    this.templates = templates;
  }

  @Override
  public void handle(ActiveSession active, ReviewAccess access, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    if (!"POST".equals(request.getMethod())) {
      templates.error(response, 405, "Open the review queue",
          "Sessions recorded by other systems are looked for from the review queue's button.");
      return;
    }
    if (!access.allPatients() || !access.keepsQueue()) {
      templates.error(response, 403, "Looking for sessions recorded elsewhere is not available to you",
          "Your sign-in does not let KAP Companion search every patient's sessions and keep the review queue. Sign "
              + "in again from the start page with \"Review sessions\", or ask IT to check the app's permissions.");
      return;
    }
    pickup.start(active);
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", active.basePath() + "review");
  }
}
