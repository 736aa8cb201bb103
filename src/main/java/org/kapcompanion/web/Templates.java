package org.kapcompanion.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the precompiled jte templates as HTML; jte escapes every value for its HTML context. A template that
 * declares {@code String clinicZone} receives the clinic's time zone without its page passing it.
 */
public final class Templates {

  static final String CLINIC_ZONE = "clinicZone";

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final SecurityHeaders headers;
  private final ZoneId clinicZone;

  /**
   * @param headers the security headers error pages carry
   * @param clinicZone the clinic's time zone, for pages whose scripts fill in or read times
   */
  public Templates(SecurityHeaders headers, ZoneId clinicZone) {
    this.headers = headers;
    this.clinicZone = clinicZone;
  }

  /** Renders a page model into its template as a complete response. */
  public void render(HttpServletResponse response, int status, PageModel model) throws IOException {
    Utf8ByteOutput output = new Utf8ByteOutput();
    engine.render(model.template(), model, output);
    send(response, status, output);
  }

  /** Renders {@code template} (e.g. {@code "summary.jte"}) with named parameters into a complete response. */
  public void render(HttpServletResponse response, int status, String template, Map<String, Object> parameters)
      throws IOException {
    Utf8ByteOutput output = new Utf8ByteOutput();
    engine.render(template, withClinicZone(template, parameters), output);
    send(response, status, output);
  }

  private static void send(HttpServletResponse response, int status, Utf8ByteOutput output) throws IOException {
    response.setStatus(status);
    response.setContentType("text/html;charset=utf-8");
    response.setContentLength(output.getContentLength());
    output.writeTo(response.getOutputStream());
  }

  private Map<String, Object> withClinicZone(String template, Map<String, Object> parameters) {
    if (parameters.containsKey(CLINIC_ZONE) || !engine.getParamInfo(template).containsKey(CLINIC_ZONE)) {
      return parameters;
    }
    Map<String, Object> all = new HashMap<>(parameters);
    all.put(CLINIC_ZONE, clinicZone.getId());
    return all;
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
