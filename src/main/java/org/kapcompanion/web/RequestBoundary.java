package org.kapcompanion.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one place failures become a response: gives every request an id (log context and {@code X-Request-Id}), checks
 * its parameters ({@link CheckedRequest}), answers a refused request or value ({@link StrictValue}) with 400, 408,
 * 413 or 415 and an unexpected exception with a plain 500 page (or JSON for the pages' scripts). Logs carry the
 * exception type and where it was thrown, never its message, which may hold patient data.
 */
final class RequestBoundary implements Filter {

  static final String REQUEST_ID = "requestId";
  /** Shown where a response has no request id (Jetty answered before the app saw the request). */
  static final String NO_REQUEST_ID = "-";
  private static final Logger LOG = LoggerFactory.getLogger(RequestBoundary.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The most of a refused body read before the connection is closed under a client still sending. */
  private static final long LARGEST_DISCARD = 32L * 1024 * 1024;

  private final ErrorAnswers answers;
  private final Predicate<String> multiLine;

  /** @param multiLine the form fields that are free text, where TAB, LF and CR are kept */
  RequestBoundary(ErrorAnswers answers, Predicate<String> multiLine) {
    this.answers = answers;
    this.multiLine = multiLine;
  }

  static String currentRequestId() {
    String id = MDC.get(REQUEST_ID);
    return id == null ? NO_REQUEST_ID : id;
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
      try {
        chain.doFilter(CheckedRequest.of(request, multiLine), response);
      } catch (InvalidValue.Refused invalid) {
        throw RefusedRequest.invalid(invalid.invalid());
      }
    } catch (RefusedRequest refused) {
      LOG.info("refused {} on {} {}: {}", refused.status(), request.getMethod(), routeOf(request),
          refused.field().map(field -> "field " + field).orElse("request"));
      if (!response.isCommitted()) {
        response.reset();
        response.setHeader("X-Request-Id", requestId);
        if (BodyType.hasBody(request)) {
          discardUnreadBody(request);
          response.setHeader("Connection", "close");
        }
        answers.send(request, response, refused);
      }
    } catch (IOException | ServletException | RuntimeException e) {
      LOG.error("unhandled {} on {} {}", describe(e), request.getMethod(), routeOf(request));
      if (!response.isCommitted()) {
        response.reset();
        response.setHeader("X-Request-Id", requestId);
        answers.send(request, response, 500);
      }
    } finally {
      MDC.remove(REQUEST_ID);
    }
  }

  /**
   * Reads and drops what is left of a refused request's body (up to {@link #LARGEST_DISCARD} bytes, within the body
   * deadline), so a client still sending it reads the refusal instead of a reset connection.
   */
  private static void discardUnreadBody(HttpServletRequest request) {
    try {
      InputStream body = request.getInputStream();
      byte[] buffer = new byte[64 * 1024];
      long discarded = 0;
      for (int read = body.read(buffer); read > 0 && discarded < LARGEST_DISCARD; read = body.read(buffer)) {
        discarded += read;
      }
    } catch (IOException | IllegalStateException unreadable) {
      LOG.debug("refused body not discarded: {}", unreadable.getClass().getName());
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
