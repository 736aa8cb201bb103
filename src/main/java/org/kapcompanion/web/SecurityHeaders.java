package org.kapcompanion.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every response carries: a Content-Security-Policy without inline script, no referrer (page URLs hold a
 * session handle), no sniffing, no caching of pages that show patient data, and HSTS when the app is served over
 * https. {@code frame-ancestors}: a session's pages may be framed by the origins of the EHR that launched it only;
 * error pages that belong to no session by any configured EHR (they hold no patient data and no actions, and the
 * clinician must see them inside the EHR's frame); every other page by no one.
 */
public final class SecurityHeaders implements Filter {

  static final String CSP = "Content-Security-Policy";
  private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' "
      + "data:; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors ";
  private static final String NOWHERE = POLICY + "'none'";

  private final Map<String, String> byTenant = new HashMap<>();
  private final String anyEhr;
  private final Map<String, String> fixed = new HashMap<>();

  /**
   * @param ehrOrigins each tenant's validated EHR origins ({@code allowedEhrOrigins}), by tenant id
   * @param https whether browsers reach the app over https ({@code publicBaseUrl}), so HSTS is sent
   */
  public SecurityHeaders(Map<String, List<String>> ehrOrigins, boolean https) {
    Set<String> all = new LinkedHashSet<>();
    ehrOrigins.forEach((tenant, origins) -> {
      byTenant.put(tenant, policy(origins));
      all.addAll(origins);
    });
    this.anyEhr = policy(List.copyOf(all));
    fixed.putAll(Map.of(CSP, NOWHERE, "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer",
        "Permissions-Policy", "camera=(), microphone=(), geolocation=()", "Cache-Control", "no-store"));
    if (https) {
      fixed.put("Strict-Transport-Security", "max-age=31536000");
    }
  }

  private static String policy(List<String> origins) {
    return origins.isEmpty() ? NOWHERE : POLICY + String.join(" ", origins);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse response = (HttpServletResponse) res;
    fixed.forEach(response::setHeader);
    chain.doFilter(request, response);
  }

  /** Lets the EHR of tenant {@code tenantId} (and no other) show this response in its frame. */
  public void frameFor(HttpServletResponse response, String tenantId) {
    response.setHeader(CSP, byTenant.getOrDefault(tenantId, NOWHERE));
  }

  /**
   * Sets the headers on an error page, which may be framed by any configured EHR unless it already belongs to a
   * tenant's session.
   */
  void errorPage(HttpServletResponse response) {
    String current = response.getHeader(CSP);
    fixed.forEach(response::setHeader);
    response.setHeader(CSP, current == null || current.equals(NOWHERE) ? anyEhr : current);
  }

  /** The headers of Jetty's own error responses (malformed requests, refused methods, a full server). */
  void errorPage(HttpFields.Mutable fields) {
    fixed.forEach(fields::put);
    fields.put(CSP, anyEhr);
  }
}
