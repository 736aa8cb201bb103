package org.kapcompanion.review;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.web.Templates;

/**
 * The door of every review route, declaring its methods (a view GET, an action POST; others 405 like every session
 * page) and the supervisor permission it needs: users who are not supervisors, or lack the permission, are refused
 * (403) before the route runs.
 */
final class ReviewGuard implements SessionPage {

  /** A review page, given the access the session has. */
  interface Handler {
    void handle(ActiveSession active, ReviewAccess access, HttpServletRequest request, HttpServletResponse response)
        throws IOException;
  }

  /** What a review route needs beyond reading sessions, with the 403 page saying why it is missing. */
  enum Permission {
    READ((active, access) -> true, "", ""),
    CO_SIGN((active, access) -> access.canCoSign() && active.session().fhirUser().isPresent(),
        "Co-signing is not available to you",
        "Your sign-in does not let KAP Companion write a co-sign to the EHR. Sign in again from the start page "
            + "with \"Review sessions\", or ask IT to check the app's permissions (Provenance and Task)."),
    PICK_UP((active, access) -> access.picksUpSessions(),
        "Looking for sessions recorded elsewhere is not available to you",
        "Your sign-in does not let KAP Companion search every patient's sessions and keep the review queue. Sign "
            + "in again from the start page with \"Review sessions\", or ask IT to check the app's permissions.");

    private final BiPredicate<ActiveSession, ReviewAccess> granted;
    private final String title;
    private final String advice;

    Permission(BiPredicate<ActiveSession, ReviewAccess> granted, String title, String advice) {
      this.granted = granted;
      this.title = title;
      this.advice = advice;
    }
  }

  private final Handler handler;
  private final Set<String> methods;
  private final Permission permission;
  private final Templates templates;

  private ReviewGuard(Handler handler, Set<String> methods, Permission permission, Templates templates) {
    this.handler = handler;
    this.methods = methods;
    this.permission = permission;
    this.templates = templates;
  }

  /** A review page a supervisor reads: GET (and HEAD) only. */
  static ReviewGuard view(Handler handler, Templates templates) {
    return new ReviewGuard(handler, Set.of("GET", "HEAD"), Permission.READ, templates);
  }

  /** A review action: POST only, for a supervisor with {@code permission}. */
  static ReviewGuard action(Handler handler, Permission permission, Templates templates) {
    return new ReviewGuard(handler, Set.of("POST"), permission, templates);
  }

  @Override
  public Set<String> methods() {
    return methods;
  }

  @Override
  public void handle(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<ReviewAccess> access = ReviewAccess.of(active.session());
    if (access.isEmpty()) {
      ReviewAccess.refuse(active.session(), templates, response);
      return;
    }
    if (!permission.granted.test(active, access.get())) {
      templates.error(response, 403, permission.title, permission.advice);
      return;
    }
    handler.handle(active, access.get(), request, response);
  }

  /** The Encounter id a review page was asked for, if it looks like one. */
  static Optional<String> encounterId(HttpServletRequest request) {
    return Optional.ofNullable(request.getParameter("id")).filter(id -> id.matches("[A-Za-z0-9\\-.]{1,64}"));
  }
}
