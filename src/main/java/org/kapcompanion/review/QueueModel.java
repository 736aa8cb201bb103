package org.kapcompanion.review;

import org.kapcompanion.web.PageModel;

/**
 * What the review queue shows: the sessions to review under the supervisor's filter, and whether it picks up sessions
 * recorded outside the app. Public because the precompiled template reads it.
 */
public record QueueModel(QueueView queue, String basePath, String csrf, boolean picksUp) implements PageModel {

  @Override
  public String template() {
    return "review/queue.jte";
  }
}
