package org.kapcompanion.review;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.kapcompanion.session.ActiveSession;

/**
 * {@code POST /s/{h}/review/pickup}: the supervisor asks for sessions recorded by other systems to be picked up from
 * the EHR's change feed (in the background), then sees the queue again.
 */
final class PickupAction implements ReviewGuard.Handler {

  private final FeedPickup pickup;

  PickupAction(FeedPickup pickup) {
    this.pickup = pickup;
  }

  @Override
  public void handle(ActiveSession active, ReviewAccess access, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    pickup.start(active);
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", active.basePath() + "review");
  }
}
