package org.kapcompanion.launch;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.kapcompanion.web.BrowserCookie;
import org.kapcompanion.web.Templates;

/**
 * {@code GET /callback?code=…&state=…}: the redirect URI (SMART App Launch 2.x §2.1.2). On success the browser goes
 * to the new session's pages, whose URL carries only the opaque session handle: to the page it last opened for the same
 * launch (a reloaded EHR page launches the app again), else to the first page.
 */
final class CallbackServlet extends HttpServlet {

  private final LaunchService launches;
  private final Templates templates;
  private final PageMemory pageMemory;

  CallbackServlet(LaunchService launches, Templates templates, PageMemory pageMemory) {
    this.launches = launches;
    this.templates = templates;
    this.pageMemory = pageMemory;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Map<String, String> parameters = new HashMap<>();
    for (String name : new String[] {"code", "state", "error"}) {
      LaunchServlet.parameter(request, name).ifPresent(value -> parameters.put(name, value));
    }
    Optional<String> browserKey = BrowserCookie.read(request);
    LaunchService.Complete complete = launches.complete(parameters, browserKey, Framing.framedLaunch(request));
    if (complete instanceof LaunchService.Complete.Started started) {
      String page = pageMemory.recall(request, browserKey.orElseThrow(), started.session())
          .orElse(started.firstPage());
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", "/s/" + started.sessionHandle() + "/" + page);
    } else {
      ((LaunchService.Complete.Failed) complete).error().sendTo(templates, response);
    }
  }
}
