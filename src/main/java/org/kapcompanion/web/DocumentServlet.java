package org.kapcompanion.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET}: one document of a fixed media type and caching, as its source gives it at the time of the request (the
 * app's public keys, the metrics, the liveness answer).
 */
public final class DocumentServlet extends HttpServlet {

  private final String mediaType;
  private final String cacheControl;
  private final transient Supplier<String> document;

  public DocumentServlet(String mediaType, String cacheControl, Supplier<String> document) {
    this.mediaType = mediaType;
    this.cacheControl = cacheControl;
    this.document = document;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType(mediaType);
    response.setHeader("Cache-Control", cacheControl);
    response.getOutputStream().write(document.get().getBytes(StandardCharsets.UTF_8));
  }
}
