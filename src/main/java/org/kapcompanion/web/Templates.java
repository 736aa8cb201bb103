package org.kapcompanion.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** Renders the precompiled jte templates as HTML; jte escapes every value for its HTML context. */
public final class Templates {

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final SecurityHeaders headers;

  /** @param headers the security headers error pages carry */
  public Templates(SecurityHeaders headers) {
    this.headers = headers;
  }

  /** Renders {@code template} (e.g. {@code "summary.jte"}) with named parameters into a complete response. */
  public void render(HttpServletResponse response, int status, String template, Map<String, Object> parameters)
      throws IOException {
    Utf8ByteOutput output = new Utf8ByteOutput();
    engine.render(template, parameters, output);
    response.setStatus(status);
    response.setContentType("text/html;charset=utf-8");
    response.setContentLength(output.getContentLength());
    output.writeTo(response.getOutputStream());
  }

  /** Sends an error page: a title, what the clinician should do, and the request id for IT; nothing else. */
  public void error(HttpServletResponse response, int status, String title, String advice) throws IOException {
    headers.errorPage(response);
    render(response, status, "error.jte", Map.of("title", title, "advice", advice,
        "requestId", RequestBoundary.currentRequestId()));
  }

  /** The error page as bytes, for responses written outside the servlet API (Jetty's own errors). */
  byte[] errorPage(String title, String advice, String requestId) {
    Utf8ByteOutput output = new Utf8ByteOutput();
    engine.render("error.jte", Map.of("title", title, "advice", advice, "requestId", requestId), output);
    return output.toByteArray();
  }
}
