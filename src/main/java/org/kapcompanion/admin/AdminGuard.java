package org.kapcompanion.admin;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Lets only IT staff reach the status page and the metrics: the request must carry the configured admin token, as a
 * bearer token (monitoring systems) or as the password of HTTP Basic authentication (browsers; any user name).
 * Without a configured token these pages are closed.
 */
final class AdminGuard implements Filter {

  private final Optional<byte[]> token;

  AdminGuard(Optional<String> token) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    if (token.isEmpty()) {
      deny(response, HttpServletResponse.SC_FORBIDDEN,
          "The admin pages are closed: set admin.token in the configuration to open them.");
      return;
    }
    if (presented(request).map(this::matches).orElse(false)) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"KAP Companion admin\", charset=\"UTF-8\"");
    deny(response, HttpServletResponse.SC_UNAUTHORIZED,
        "Sign in with the admin token as the password, or send it as a bearer token.");
  }

  /** The token in the Authorization header: a bearer token, or the password of Basic credentials. */
  static Optional<String> presented(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null) {
      return Optional.empty();
    }
    if (presentedAsBearer(request)) {
      return Optional.of(header.substring(7).trim());
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = credentials.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(credentials.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Whether the request presents its token as a bearer token (a script), not as Basic credentials (a browser). */
  static boolean presentedAsBearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  private boolean matches(String presented) {
    return MessageDigest.isEqual(token.orElseThrow(), presented.getBytes(StandardCharsets.UTF_8));
  }

  private static void deny(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
  }
}
