package org.kapcompanion.admin;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.web.Templates;

/**
 * {@code GET /admin/status} (admin token only): per tenant, the same endpoint report as the {@code check} command,
 * with the outbox depth and last write errors.
 */
final class StatusPage extends HttpServlet {

  private final List<TenantConfig> tenants;
  private final EndpointCheck check;
  private final OutboxStatus outbox;
  private final Templates templates;

  StatusPage(List<TenantConfig> tenants, EndpointCheck check, OutboxStatus outbox, Templates templates) {
    this.tenants = List.copyOf(tenants);
    this.check = check;
    this.outbox = outbox;
    this.templates = templates;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<TenantStatus> views = tenants.parallelStream()
        .map(tenant -> new TenantStatus(check.check(tenant), outbox.of(tenant.id()))).toList();
    response.setHeader("Cache-Control", "no-store");
    templates.render(response, 200, "admin/status.jte", Map.of("tenants", views));
  }
}
