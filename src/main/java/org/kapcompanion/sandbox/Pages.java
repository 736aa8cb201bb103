package org.kapcompanion.sandbox;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Renders the sandbox's HTML pages from precompiled jte templates (auto-escaped) with strict security headers:
 * scripts and styles from the sandbox itself only (no inline script), frames only for the registered apps.
 */
final class Pages {

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final String frameSources;

  /** @param frameSources the origins the EHR page may frame (the registered apps), space-separated */
  Pages(String frameSources) {
    // 'self': an app framed in the mock EHR page is sent to this sandbox's own authorize endpoint inside the frame.
    this.frameSources = frameSources.isBlank() ? "'self'" : "'self' " + frameSources;
  }

  void render(HttpServletResponse response, int status, String template, Map<String, Object> params)
      throws IOException {
    StringOutput output = new StringOutput();
    engine.render("sandbox/" + template + ".jte", params, output);
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src "
            + frameSources
            + "; frame-ancestors 'self'; base-uri 'none'");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(output.toString());
  }

  void error(HttpServletResponse response, int status, String message) throws IOException {
    render(response, status, "error", Map.of("message", message));
  }
}
