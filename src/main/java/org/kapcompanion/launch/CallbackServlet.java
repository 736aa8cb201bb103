package org.kapcompanion.launch;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.kapcompanion.web.BrowserCookie;
import org.kapcompanion.web.Templates;

/**
 * {@code GET /callback?code=…&state=…}: the redirect URI (SMART App Launch 2.x §2.1.2). On success the browser goes
 * to the new session's pages, whose URL carries only the opaque session handle.
 */
final class CallbackServlet extends HttpServlet {

  private final LaunchService launches;
  private final Templates templates;

  CallbackServlet(LaunchService launches, Templates templates) {
    this.launches = launches;
    this.templates = templates;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Map<String, String> parameters = new HashMap<>();
    for (String name : new String[] {"code", "state", "error"}) {
      LaunchServlet.parameter(request, name).ifPresent(value -> parameters.put(name, value));
    }
    LaunchService.Complete complete = launches.complete(parameters, BrowserCookie.read(request),
        Framing.framedLaunch(request));
    if (complete instanceof LaunchService.Complete.Started started) {
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", "/s/" + started.sessionHandle() + "/" + started.firstPage());
    } else {
      ((LaunchService.Complete.Failed) complete).error().sendTo(templates, response);
    }
  }
}
