package org.kapcompanion.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Renders the precompiled jte templates as HTML, each from its one typed {@link PageModel}; jte escapes every value for
 * its HTML context.
 */
public final class Templates {

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final SecurityHeaders headers;

  /** @param headers the security headers error pages carry */
  public Templates(SecurityHeaders headers) {
    this.headers = headers;
  }

  /** Renders a page model into its template as a complete response. */
  public void render(HttpServletResponse response, int status, PageModel model) throws IOException {
    Utf8ByteOutput output = rendered(model);
    response.setStatus(status);
    response.setContentType("text/html;charset=utf-8");
    response.setContentLength(output.getContentLength());
    output.writeTo(response.getOutputStream());
  }

  private Utf8ByteOutput rendered(PageModel model) {
    Utf8ByteOutput output = new Utf8ByteOutput();
    engine.render(model.template(), model, output);
    return output;
  }

  /** Sends an error page: a title, what the clinician should do, and the request id for IT; nothing else. */
  public void error(HttpServletResponse response, int status, String title, String advice) throws IOException {
    headers.errorPage(response);
    render(response, status, new ErrorModel(title, advice, RequestBoundary.currentRequestId()));
  }

  /** The error page as bytes, for responses written outside the servlet API (Jetty's own errors). */
  byte[] errorPage(String title, String advice, String requestId) {
    return rendered(new ErrorModel(title, advice, requestId)).toByteArray();
  }
}
