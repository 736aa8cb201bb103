package org.kapcompanion.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URL;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The app's Jetty server: routes, the filters every request passes (request boundary, security headers), static
 * assets from the classpath and WebJars, and error pages without stack traces.
 */
public final class WebServer {

  /**
   * Requests the app works on at once. Each waits on the EHR, the store or a validator, all of them bounded; more
   * threads only pile up heap and contend, so later requests wait (holding no thread) for their turn.
   */
  static final int REQUESTS_AT_ONCE = 64;
  /** Waiting requests beyond this, or waiting longer than {@link #LONGEST_WAIT}, are answered 503 at once. */
  private static final int WAITING_AT_MOST = 4_000;
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

  /** Front-end libraries served from their WebJars; each folder lives in its own jar. */
  private static final List<String> WEB_JARS = List.of("htmx.org", "chart.js");

  private final Server server;
  private final ServerConnector connector;

  /** A servlet and the path pattern it serves. */
  public record Route(String pathSpec, HttpServlet servlet) {}

  /** A filter and the path pattern it guards. */
  public record Guard(String pathSpec, Filter filter) {}

  public WebServer(String host, int port, Templates templates, List<String> frameAncestors, List<Route> routes,
      List<Guard> guards) {
    QueuedThreadPool threads = new QueuedThreadPool(REQUESTS_AT_ONCE + 64, 8);
    threads.setName("kap-web");
    server = new Server(threads);
    connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setStopTimeout(10_000);
    ErrorHandler serverErrors = new ErrorHandler();
    serverErrors.setShowStacks(false);
    server.setErrorHandler(serverErrors);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    addFilter(context, "/*", new RequestBoundary(templates));
    addFilter(context, "/*", new SecurityHeaders(frameAncestors));
    guards.forEach(guard -> addFilter(context, guard.pathSpec(), guard.filter()));
    routes.forEach(route -> context.addServlet(new ServletHolder(route.servlet()), route.pathSpec()));
    context.addServlet(assets("static/"), "/assets/*");
    for (String webJar : WEB_JARS) {
      context.addServlet(assets("META-INF/resources/webjars/" + webJar + "/"), "/webjars/" + webJar + "/*");
    }
    context.addServlet(new ServletHolder(new ErrorServlet(templates)), "/error");
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.setShowStacks(false);
    errors.addErrorPage(400, 599, "/error");
    context.setErrorHandler(errors);
    GracefulHandler graceful = new GracefulHandler();
    graceful.setHandler(admitted(context));
    server.setHandler(graceful);
  }

  /** The context behind a limit on the requests worked on at once; health checks always pass. */
  private static QoSHandler admitted(ServletContextHandler context) {
    QoSHandler limit = new QoSHandler(context);
    limit.setMaxRequestCount(REQUESTS_AT_ONCE);
    limit.setMaxSuspendedRequestCount(WAITING_AT_MOST);
    limit.setMaxSuspend(LONGEST_WAIT);
    limit.excludePath("/health", "/ready");
    return limit;
  }

  private static void addFilter(ServletContextHandler context, String pathSpec, Filter filter) {
    context.addFilter(new FilterHolder(filter), pathSpec, EnumSet.of(DispatcherType.REQUEST));
  }

  private static ServletHolder assets(String classpathFolder) {
    URL folder = WebServer.class.getClassLoader().getResource(classpathFolder);
    if (folder == null) {
      throw new IllegalStateException("classpath folder " + classpathFolder + " is missing from the build");
    }
    ServletHolder holder = new ServletHolder(classpathFolder, ResourceServlet.class);
    holder.setInitParameter("baseResource", folder.toExternalForm());
    holder.setInitParameter("pathInfoOnly", "true");
    holder.setInitParameter("dirAllowed", "false");
    holder.setInitParameter("cacheControl", "public, max-age=86400");
    return holder;
  }

  public void start() throws Exception {
    server.start();
  }

  /** The port actually bound, useful when configured with 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops accepting requests and lets in-flight ones finish ({@link GracefulHandler}), up to the stop timeout. */
  public void stop() throws Exception {
    server.stop();
  }
}
