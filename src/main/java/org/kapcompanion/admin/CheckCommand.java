package org.kapcompanion.admin;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.kapcompanion.config.AppConfig;
import org.kapcompanion.config.TenantConfig;

/**
 * {@code java -jar kap-companion.jar check [tenant]}: checks each configured EHR's endpoints and prints a readable
 * report per tenant. The exit code is 0 when the app can work with every checked tenant, 1 when not, 2 for an
 * unknown tenant.
 */
public final class CheckCommand {

  private static final String ROW = "  %-26s %-8s %-8s %-8s %s%n";

  private final EndpointCheck check;
  private final TokenProbe tokenProbe;
  private final PrintStream out;

  public CheckCommand(EndpointCheck check, TokenProbe tokenProbe, PrintStream out) {
    this.check = check;
    this.tokenProbe = tokenProbe;
    this.out = out;
  }

  public int run(AppConfig config, Optional<String> tenantId) {
    List<TenantConfig> tenants = tenantId.map(id -> config.tenant(id).stream().toList()).orElse(config.tenants());
    if (tenantId.isPresent() && tenants.isEmpty()) {
      out.println("No tenant \"" + tenantId.get() + "\" is configured. Configured tenants: "
          + config.tenants().stream().map(TenantConfig::id).toList());
      return 2;
    }
    if (tenants.isEmpty()) {
      out.println("No tenants are configured, so the app runs its sandbox EHR. Add a tenant to check an EHR.");
      return 0;
    }
    boolean allOk = true;
    for (TenantConfig tenant : tenants) {
      EndpointStatus status = check.check(tenant);
      Optional<EndpointCheck.JwksReach> jwks = tenant.clientAuth().method() == TenantConfig.AuthMethod.PRIVATE_KEY_JWT
          ? Optional.of(check.jwks(config.publicBaseUrl())) : Optional.empty();
      Optional<TokenProbe.Answer> signIn = status.ok() && status instanceof EndpointStatus.Checked checked
          ? EndpointCheck.signIn(tenant, checked, tokenProbe) : Optional.empty();
      boolean ok = status.ok() && jwks.map(EndpointCheck.JwksReach::ok).orElse(true)
          && signIn.map(answer -> answer.verdict() != TokenProbe.Verdict.REFUSED).orElse(true);
      print(status, tenant.allowedEhrOrigins(), jwks, signIn, ok);
      allOk &= ok;
    }
    return allOk ? 0 : 1;
  }

  private void print(EndpointStatus status, List<String> ehrOrigins, Optional<EndpointCheck.JwksReach> jwks,
      Optional<TokenProbe.Answer> signIn, boolean ok) {
    out.println("Tenant " + status.tenantId() + " — " + status.displayName() + " (" + status.fhirBase() + ")");
    line("EHR origins", ehrOrigins.isEmpty() ? "none: the EHR cannot show the app in its frame (a new window works)"
        : String.join(" ", ehrOrigins) + " (may show this tenant's sessions in a frame)");
    if (status instanceof EndpointStatus.Unreachable unreachable) {
      line("reachable", "NO: " + unreachable.reason());
      line("result", "FAILED — the app cannot reach this EHR");
      out.println();
      return;
    }
    EndpointStatus.Checked checked = (EndpointStatus.Checked) status;
    CapabilityReport report = checked.report();
    line("reachable", "yes");
    line("TLS", checked.tls() ? "yes" : "no (http) — acceptable for a local test EHR only");
    line("FHIR version", report.fhirVersion());
    line("PKCE S256", report.pkceS256() ? "yes" : "NO");
    line("client auth", report.authMethodConfigured() + " configured, " + (report.authMethodOffered() ? "offered"
        : "NOT offered") + " (EHR offers " + String.join(", ", report.authMethodsOffered()) + ")");
    line("scope syntax", report.scopeSyntax() == CapabilityReport.ScopeSyntax.V2 ? "v2 (e.g. patient/Observation.rs)"
        : "v1 (e.g. patient/Observation.read)");
    line("transaction", report.transaction() ? "yes" : "no");
    out.println();
    out.printf(ROW, "resource", "read", "search", "create", "update");
    for (CapabilityReport.ResourceSupport resource : report.resources()) {
      out.printf(ROW, resource.type(), resource.cell(Interaction.READ), resource.cell(Interaction.SEARCH),
          resource.cell(Interaction.CREATE), resource.cell(Interaction.UPDATE));
    }
    out.println("  (yes / MISSING: used by the app; (yes) / -: not used)");
    out.println();
    line("writes", report.writePlanSummary());
    report.fallbacks().forEach(fallback -> line("fallback", fallback));
    report.problems().forEach(problem -> line("PROBLEM", problem));
    jwks.ifPresent(keys -> line(keys.ok() ? "app JWKS" : "PROBLEM", (keys.ok() ? "" : "app JWKS: ") + keys.text()));
    signIn.ifPresent(answer -> line(answer.verdict() == TokenProbe.Verdict.REFUSED ? "PROBLEM" : "sign-in probe",
        (answer.verdict() == TokenProbe.Verdict.REFUSED ? "client authentication " : "token endpoint ")
            + answer.text()));
    line("result", ok ? "OK — the app can work with this EHR" : "FAILED — fix the problems above");
    out.println();
  }

  private void line(String label, String value) {
    out.printf("  %-14s %s%n", label, value);
  }
}
