package org.kapcompanion.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Sets the headers every response carries: a Content-Security-Policy without inline script whose
 * {@code frame-ancestors} are the configured EHR origins, no referrer (page URLs hold a session handle), no
 * sniffing, and no caching of pages that show patient data.
 */
final class SecurityHeaders implements Filter {

  private final String contentSecurityPolicy;

  SecurityHeaders(List<String> frameAncestors) {
    this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
        + "frame-ancestors 'self'" + (frameAncestors.isEmpty() ? "" : " " + String.join(" ", frameAncestors));
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse response = (HttpServletResponse) res;
    response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    response.setHeader("Cache-Control", "no-store");
    chain.doFilter(request, response);
  }
}
