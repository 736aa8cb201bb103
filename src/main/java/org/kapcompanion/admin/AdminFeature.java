package org.kapcompanion.admin;

import java.util.List;
import java.util.Optional;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.web.Templates;
import org.kapcompanion.web.DocumentServlet;
import org.kapcompanion.web.WebServer;

/**
 * Assembles the operations feature: {@code /health} and {@code /ready} for load balancers, {@code /metrics}, the
 * {@code /admin/status} page and its failed-entry actions for IT staff holding the admin token, and request metrics on
 * every route.
 */
public final class AdminFeature {

  /** The liveness answer: 200 while the process serves requests. */
  private static final String LIVE = "{\"status\":\"up\"}";

  private final List<TenantConfig> tenants;
  private final Optional<String> adminToken;
  private final EndpointCheck check;
  private final OutboxStatus outbox;
  private final Readiness readiness;
  private final Metrics metrics;
  private final Templates templates;
  private final AdminForms forms;

  public AdminFeature(List<TenantConfig> tenants, Optional<String> adminToken, EndpointCheck check,
      OutboxStatus outbox, Readiness readiness, Metrics metrics, Templates templates) {
    this.tenants = List.copyOf(tenants);
    this.adminToken = adminToken;
    this.check = check;
    this.outbox = outbox;
    this.readiness = readiness;
    this.metrics = metrics;
    this.templates = templates;
    this.forms = new AdminForms(adminToken);
    metrics.outbox(outbox, this.tenants.stream().map(TenantConfig::id).toList());
  }

  public List<WebServer.Route> routes() {
    return List.of(
        new WebServer.Route("/health", new DocumentServlet("application/json", "no-store", () -> LIVE)),
        new WebServer.Route("/ready", new HealthServlets.Ready(readiness)),
        new WebServer.Route("/metrics", new DocumentServlet("text/plain;version=0.0.4;charset=utf-8", "no-store",
            metrics::scrape)),
        new WebServer.Route("/admin/status", new StatusPage(tenants, check, outbox, forms, templates)),
        new WebServer.Route("/admin/entries/*", new FailedEntryActions(outbox, forms, templates)));
  }

  /** Request metrics on every route, and the admin token on the admin pages and the metrics. */
  public List<WebServer.Guard> guards() {
    AdminGuard guard = new AdminGuard(adminToken);
    return List.of(
        new WebServer.Guard("/*", new RequestMetrics(metrics)),
        new WebServer.Guard("/admin/*", guard),
        new WebServer.Guard("/metrics", guard));
  }
}
