package org.kapcompanion.launch;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.kapcompanion.web.BrowserCookie;
import org.kapcompanion.web.Templates;

/**
 * {@code /s/{handle}/{page}}: resolves the session (only for the browser that launched it), makes sure its access
 * token is fresh, checks the CSRF token on every state-changing request, and hands over to the page.
 */
public final class SessionPages extends HttpServlet {

  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String CSRF_FIELD = "csrf";

  private final Sessions sessions;
  private final SessionTokens tokens;
  private final Templates templates;
  private final Map<String, SessionPage> pages;

  SessionPages(Sessions sessions, SessionTokens tokens, Templates templates, Map<String, SessionPage> pages) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.templates = templates;
    this.pages = Map.copyOf(pages);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
    String[] parts = path.substring(1).split("/", 2);
    String handle = parts[0];
    SessionPage page = pages.get(parts.length > 1 ? parts[1] : "");
    if (page == null || handle.isEmpty()) {
      templates.error(response, 404, "Page not found",
          "This address does not exist in KAP Companion. Open it again from the EHR.");
      return;
    }
    Optional<AppSession> session = BrowserCookie.read(request).flatMap(key -> sessions.find(handle, key))
        .flatMap(found -> tokens.fresh(handle, found));
    if (session.isEmpty()) {
      LaunchError.SESSION_EXPIRED.sendTo(templates, response);
      return;
    }
    if (!"GET".equals(request.getMethod()) && !csrfMatches(request, session.get().csrfToken())) {
      templates.error(response, 403, "This action was blocked",
          "KAP Companion could not confirm the action came from its own page. Reload the page and try again.");
      return;
    }
    page.handle(new ActiveSession(handle, session.get()), request, response);
  }

  private static boolean csrfMatches(HttpServletRequest request, String expected) {
    String sent = Optional.ofNullable(request.getHeader(CSRF_HEADER)).orElse(request.getParameter(CSRF_FIELD));
    return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }
}
