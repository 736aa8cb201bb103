package org.kapcompanion.review;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.launch.SessionPage;
import org.kapcompanion.web.Templates;

/**
 * The door of every review page: refuses users who are not supervisors or whose scopes reach no sessions (403); EHR
 * failures are answered for every session page alike.
 */
final class ReviewGuard implements SessionPage {

  /** A review page, given the access the session has. */
  interface Handler {
    void handle(ActiveSession active, ReviewAccess access, HttpServletRequest request, HttpServletResponse response)
        throws IOException;
  }

  private final Handler handler;
  private final Templates templates;

  ReviewGuard(Handler handler, Templates templates) {
    this.handler = handler;
    this.templates = templates;
  }

  @Override
  public void handle(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<ReviewAccess> access = ReviewAccess.of(active.session());
    if (access.isEmpty()) {
      ReviewAccess.refuse(active.session(), templates, response);
      return;
    }
    handler.handle(active, access.get(), request, response);
  }

  /** The Encounter id a review page was asked for, if it looks like one. */
  static Optional<String> encounterId(HttpServletRequest request) {
    return Optional.ofNullable(request.getParameter("id")).filter(id -> id.matches("[A-Za-z0-9\\-.]{1,64}"));
  }
}
