package org.kapcompanion.launch;

import org.kapcompanion.session.AppSession;
import org.kapcompanion.session.SessionPage;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.kapcompanion.web.BodyType;
import org.kapcompanion.web.BrowserCookie;
import org.kapcompanion.web.Csrf;
import org.kapcompanion.web.SecurityHeaders;
import org.kapcompanion.web.Templates;

/**
 * {@code /s/{handle}/{page}}: resolves the session (only for the browser that launched it), lets only the EHR that
 * launched it frame the page, makes sure its access token is fresh, refuses what the page does not take (a method,
 * a launch without the patient it needs), and on every state-changing request checks the CSRF token and the body's
 * type (the page declares all of these) before the page reads anything. The page a browser opens is remembered for a
 * launch of the same again.
 */
public final class SessionPages extends HttpServlet {

  private final Sessions sessions;
  private final SessionTokens tokens;
  private final Templates templates;
  private final SecurityHeaders headers;
  private final Map<String, SessionPage> pages;
  private final EhrFailures ehrFailures;
  private final PageMemory pageMemory;

  SessionPages(Sessions sessions, SessionTokens tokens, Templates templates, SecurityHeaders headers,
      Map<String, SessionPage> pages, PageMemory pageMemory) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.templates = templates;
    this.headers = headers;
    this.pages = Map.copyOf(pages);
    this.ehrFailures = new EhrFailures(templates);
    this.pageMemory = pageMemory;
  }

  /** The paths of its pages under {@code /s/{handle}/}. */
  public Set<String> paths() {
    return pages.keySet();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
    String[] parts = path.substring(1).split("/", 2);
    String handle = parts[0];
    String pagePath = parts.length > 1 ? parts[1] : "";
    SessionPage page = pages.get(pagePath);
    if (page == null || handle.isEmpty()) {
      templates.error(response, 404, "Page not found",
          "This address does not exist in KAP Companion. Open it again from the EHR.");
      return;
    }
    Optional<String> browserKey = BrowserCookie.read(request);
    Optional<AppSession> session = browserKey.flatMap(key -> sessions.find(handle, key))
        .flatMap(found -> tokens.fresh(handle, found));
    if (session.isEmpty()) {
      LaunchError.SESSION_EXPIRED.sendTo(templates, response);
      return;
    }
    headers.frameFor(response, session.get().tenantId());
    Optional<LaunchError> refused = refusal(page, request.getMethod(), session.get());
    if (refused.isPresent()) {
      if (refused.get() == LaunchError.METHOD_NOT_ALLOWED) {
        response.setHeader("Allow", String.join(", ", new TreeSet<>(page.methods())));
      }
      refused.get().send(wantsJson(request, page), templates, response);
      return;
    }
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
      if (!Csrf.sentWith(request, session.get().csrfToken())) {
        templates.error(response, 403, "This action was blocked",
            "KAP Companion could not confirm the action came from its own page. Reload the page and try again.");
        return;
      }
      page.body().require(request);
    }
    pageMemory.remember(request, response, browserKey.orElseThrow(), session.get(), pagePath);
    AppSession placed = session.get().placed(Framing.framedPage(request, session.get()));
    try {
      page.handle(tokens.active(handle, placed), request, response);
    } catch (BaseServerResponseException failed) {
      ehrFailures.send(failed, pagePath.isEmpty() ? "summary" : pagePath, wantsJson(request, page), response);
    }
  }

  /**
   * Why {@code page} does not answer a {@code method} request in {@code session}, if it does not: a method it does not
   * take, or no patient in a launch the page needs one in.
   */
  static Optional<LaunchError> refusal(SessionPage page, String method, AppSession session) {
    if (!page.methods().contains(method)) {
      return Optional.of(LaunchError.METHOD_NOT_ALLOWED);
    }
    if (page.needsPatient() && session.context().patientId().isEmpty()) {
      return Optional.of(LaunchError.NO_PATIENT);
    }
    return Optional.empty();
  }

  /** Whether the request came from a page's script, which reads a JSON answer. */
  static boolean wantsJson(HttpServletRequest request, SessionPage page) {
    String accept = Optional.ofNullable(request.getHeader("Accept")).orElse("");
    return page.body() == BodyType.JSON || accept.contains("application/json") && !accept.contains("text/html");
  }
}
