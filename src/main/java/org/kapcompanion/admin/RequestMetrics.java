package org.kapcompanion.admin;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts, times and logs every request by its servlet mapping (a fixed set of routes, so no session handle or id
 * reaches a label or the log), and counts launches (the callback) and saves (state-changing requests on session pages)
 * by outcome. The access log line carries the request id from the log context, how long the request waited in the
 * server before the app saw it (from its first byte: parsing, waiting for a thread), the CPU time the app spent on the
 * request and, when it called the EHR, how many calls in how many sequential rounds and how long it waited on them
 * ({@link RequestCost}).
 */
final class RequestMetrics implements Filter {

  private static final Logger ACCESS = LoggerFactory.getLogger("org.kapcompanion.access");

  private final Metrics metrics;

  RequestMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    long started = System.nanoTime();
    long queued = queuedNanos(request, started);
    long startedCpu = RequestCost.threadCpuNanos();
    RequestCost cost = RequestCost.begin();
    boolean threw = true;
    try {
      chain.doFilter(request, response);
      threw = false;
    } finally {
      String route = route(request);
      int status = threw ? 500 : response.getStatus();
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      metrics.httpRequest(route, request.getMethod(), status, took);
      cost.cpu(RequestCost.threadCpuNanos() - startedCpu);
      RequestCost.end();
      RequestCost.Summary spent = cost.summary();
      if (spent.calls() == 0) {
        ACCESS.info("{} {} {} {} ms, queued {} ms, CPU {} ms", request.getMethod(), route, status, millis(took),
            millis(Duration.ofNanos(queued)), millis(spent.cpu()));
      } else {
        ACCESS.info("{} {} {} {} ms, queued {} ms, CPU {} ms, EHR {} calls in {} rounds {} ms", request.getMethod(),
            route, status, millis(took), millis(Duration.ofNanos(queued)), millis(spent.cpu()), spent.calls(),
            spent.rounds(), millis(spent.waited()));
      }
      if (route.equals("/callback")) {
        metrics.launch(status < 400);
      } else if (route.equals("/s/*") && !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
        metrics.save(status < 400);
      }
    }
  }

  /** How long the server held the request before this filter, from its first byte; 0 outside Jetty. */
  private static long queuedNanos(ServletRequest request, long now) {
    ServletContextRequest served = ServletContextRequest.getServletContextRequest(request);
    return served == null ? 0 : Math.max(0, now - served.getBeginNanoTime());
  }

  private static String millis(Duration duration) {
    return String.format(Locale.ROOT, "%.1f", duration.toNanos() / 1e6);
  }

  private static String route(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    return mapping == null || mapping.getPattern() == null || mapping.getPattern().isEmpty()
        ? "/" : mapping.getPattern();
  }
}
