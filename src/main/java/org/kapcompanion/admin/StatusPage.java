package org.kapcompanion.admin;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.web.Templates;

/**
 * {@code GET /admin/status} (admin token only): per tenant, the same endpoint report as the {@code check} command,
 * with the outbox depth, the failed entries (to retry or discard) and the last write errors.
 */
final class StatusPage extends HttpServlet {

  private final List<TenantConfig> tenants;
  private final EndpointCheck check;
  private final OutboxStatus outbox;
  private final AdminForms forms;
  private final Templates templates;

  StatusPage(List<TenantConfig> tenants, EndpointCheck check, OutboxStatus outbox, AdminForms forms,
      Templates templates) {
    this.tenants = List.copyOf(tenants);
    this.check = check;
    this.outbox = outbox;
    this.forms = forms;
    this.templates = templates;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<TenantStatus> views = tenants.parallelStream()
        .map(tenant -> new TenantStatus(check.check(tenant), outbox.of(tenant.id()))).toList();
    response.setHeader("Cache-Control", "no-store");
    templates.render(response, 200, new StatusModel(views, forms.token(), done(request.getParameter("done"))));
  }

  /** What the last failed-entry action did, in words. */
  private static String done(String action) {
    return switch (action == null ? "" : action) {
      case "retry" -> "The entry will be sent again.";
      case "discard" -> "The entry was discarded: it will not be sent.";
      case "none" -> "Nothing was done: no failed entry has that id (or the discard was not confirmed).";
      default -> "";
    };
  }
}
