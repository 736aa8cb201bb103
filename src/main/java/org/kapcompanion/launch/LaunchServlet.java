package org.kapcompanion.launch;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.kapcompanion.web.BrowserCookie;
import org.kapcompanion.web.Templates;

/**
 * {@code GET /launch?iss=…[&launch=…]}: the SMART launch URL the EHR opens (SMART App Launch 2.x §2.0.2);
 * {@code mode=review} makes a standalone launch a supervisor's sign-in to the review queue.
 */
final class LaunchServlet extends HttpServlet {

  private final LaunchService launches;
  private final Templates templates;

  LaunchServlet(LaunchService launches, Templates templates) {
    this.launches = launches;
    this.templates = templates;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String browserKey = BrowserCookie.ensure(request, response);
    LaunchService.Begin begin = launches.begin(parameter(request, "iss"), parameter(request, "launch"),
        parameter(request, "mode").filter("review"::equals).isPresent(), browserKey,
        Framing.framedLaunch(request));
    if (begin instanceof LaunchService.Begin.Redirect redirect) {
      response.sendRedirect(redirect.authorizeUrl().toString());
    } else {
      ((LaunchService.Begin.Failed) begin).error().sendTo(templates, response);
    }
  }

  static Optional<String> parameter(HttpServletRequest request, String name) {
    return Optional.ofNullable(request.getParameter(name)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
