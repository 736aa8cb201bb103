package org.kapcompanion.admin;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.kapcompanion.web.Templates;

/**
 * {@code POST /admin/entries/retry} and {@code POST /admin/entries/discard} (admin token and form token): an operator
 * sends a failed entry again or gives it up, by its id, without seeing its content; then back to the status page,
 * which says what happened.
 */
final class FailedEntryActions extends HttpServlet {

  private final OutboxStatus outbox;
  private final AdminForms forms;
  private final Templates templates;

  FailedEntryActions(OutboxStatus outbox, AdminForms forms, Templates templates) {
    this.outbox = outbox;
    this.forms = forms;
    this.templates = templates;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!forms.accepts(request)) {
      templates.error(response, 403, "This action was blocked",
          "KAP Companion could not confirm the action came from its own status page. Reload the page and try again.");
      return;
    }
    String action = request.getPathInfo() == null ? "" : request.getPathInfo();
    String id = entryId(request.getParameter("id"));
    boolean done = switch (action) {
      case "/retry" -> !id.isEmpty() && outbox.retry(id);
      case "/discard" -> !id.isEmpty() && "yes".equals(request.getParameter("confirm")) && outbox.discard(id);
      default -> {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        yield false;
      }
    };
    if (!response.isCommitted()) {
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", "/admin/status?" + (done ? "done=" + action.substring(1) : "done=none"));
    }
  }

  /** The id as the outbox knows entries (a UUID), or empty for anything else. */
  private static String entryId(String id) {
    try {
      return id == null ? "" : UUID.fromString(id).toString();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
