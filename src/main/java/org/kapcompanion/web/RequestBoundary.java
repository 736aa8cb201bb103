package org.kapcompanion.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one place unexpected failures become a response: gives every request an id (log context and
 * {@code X-Request-Id}), and turns an exception into a plain 500 page. Logs carry the exception type and where it
 * was thrown, never its message, which may hold patient data.
 */
final class RequestBoundary implements Filter {

  static final String REQUEST_ID = "requestId";
  private static final Logger LOG = LoggerFactory.getLogger(RequestBoundary.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Templates templates;

  RequestBoundary(Templates templates) {
    this.templates = templates;
  }

  static String currentRequestId() {
    String id = MDC.get(REQUEST_ID);
    return id == null ? "-" : id;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    String requestId = HexFormat.of().formatHex(bytes);
    MDC.put(REQUEST_ID, requestId);
    response.setHeader("X-Request-Id", requestId);
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      LOG.error("unhandled {} on {} {}", describe(e), request.getMethod(), routeOf(request));
      if (!response.isCommitted()) {
        response.reset();
        response.setHeader("X-Request-Id", requestId);
        templates.error(response, 500, "Something went wrong",
            "KAP Companion hit an unexpected problem. Nothing you saved is lost. Reload the page; "
                + "if it happens again, tell IT and give them this reference.");
      }
    } finally {
      MDC.remove(REQUEST_ID);
    }
  }

  /** The exception types of the cause chain and the first frame in the app's own code. */
  static String describe(Throwable error) {
    StringBuilder description = new StringBuilder();
    StackTraceElement origin = null;
    for (Throwable t = error; t != null; t = t.getCause()) {
      description.append(description.length() == 0 ? "" : " <- ").append(t.getClass().getName());
      for (StackTraceElement frame : t.getStackTrace()) {
        if (origin == null && frame.getClassName().startsWith("org.kapcompanion.")) {
          origin = frame;
        }
      }
    }
    return origin == null ? description.toString() : description + " at " + origin;
  }

  /** The path without the session handle, which must not reach logs. */
  static String routeOf(HttpServletRequest request) {
    return request.getRequestURI().replaceFirst("^/s/[^/]+", "/s/{session}");
  }
}
