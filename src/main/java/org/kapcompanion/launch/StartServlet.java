package org.kapcompanion.launch;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.kapcompanion.config.AppConfig;
import org.kapcompanion.web.Templates;

/** {@code GET /}: what the app is, and a standalone sign-in link for each configured EHR. */
final class StartServlet extends HttpServlet {

  private final AppConfig config;
  private final Templates templates;

  StartServlet(AppConfig config, Templates templates) {
    this.config = config;
    this.templates = templates;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    templates.render(response, 200, new StartModel(config.tenants()));
  }
}
