package org.kapcompanion.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URL;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConditionalHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The app's Jetty server: routes, the filters every request passes (request boundary, security headers), static
 * assets from the classpath and WebJars, and error pages without stack traces. In front of the app, in this order:
 * graceful stop, the methods the app serves (others 405), a session's share of the admission slots, admission, and
 * the handling of request bodies (a deadline; an answer before its body closes the connection).
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
  /**
   * No per-connection cache of parsed header lines: Jetty's holds about 100 KB of heap for every kept-alive
   * connection, which at 1,000+ clients alone exhausted a 512 MB heap; parsing the few headers afresh costs little.
   */
  static final int HEADER_CACHE_SIZE = 0;
  /** How long a request body may take to arrive once admitted; the pages send a few kilobytes. */
  static final Duration BODY_DEADLINE = Duration.ofSeconds(20);
  /** The methods the app serves; any other is answered 405 before it reaches the app. */
  static final String METHODS = "GET, HEAD, POST";

  /** Front-end libraries served from their WebJars; each folder lives in its own jar. */
  private static final List<String> WEB_JARS = List.of("htmx.org", "chart.js");

  private final Server server;
  private final ServerConnector connector;
  private final List<Route> routes;

  /** A servlet and the path pattern it serves. */
  public record Route(String pathSpec, HttpServlet servlet) {}

  /** A filter and the path pattern it guards. */
  public record Guard(String pathSpec, Filter filter) {}

  /**
   * @param multiLineFields the form fields that are free text, where TAB, LF and CR are kept ({@link InputRule})
   */
  public WebServer(String host, int port, Templates templates, SecurityHeaders headers,
      Predicate<String> multiLineFields, List<Route> routes, List<Guard> guards) {
    this(host, port, templates, headers, multiLineFields, routes, guards, BODY_DEADLINE);
  }

  WebServer(String host, int port, Templates templates, SecurityHeaders headers, Predicate<String> multiLineFields,
      List<Route> routes, List<Guard> guards, Duration bodyDeadline) {
    this.routes = List.copyOf(routes);
    QueuedThreadPool threads = new QueuedThreadPool(REQUESTS_AT_ONCE + 64, 8);
    threads.setName("kap-web");
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setHeaderCacheSize(HEADER_CACHE_SIZE);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setStopTimeout(10_000);
    server.setErrorHandler(new JettyErrors(templates, headers));

    ErrorAnswers answers = new ErrorAnswers(templates, headers);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.setMaxFormContentSize(CheckedRequest.LARGEST_FORM);
    context.setMaxFormKeys(CheckedRequest.MOST_FIELDS);
    addFilter(context, "/*", new RequestBoundary(answers, multiLineFields));
    addFilter(context, "/*", headers);
    guards.forEach(guard -> addFilter(context, guard.pathSpec(), guard.filter()));
    routes.forEach(route -> context.addServlet(new ServletHolder(route.servlet()), route.pathSpec()));
    context.addServlet(assets("static/"), "/assets/*");
    for (String webJar : WEB_JARS) {
      context.addServlet(assets("META-INF/resources/webjars/" + webJar + "/"), "/webjars/" + webJar + "/*");
    }
    context.addServlet(new ServletHolder(new ErrorServlet(answers)), "/error");
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.setShowStacks(false);
    errors.addErrorPage(400, 599, "/error");
    context.setErrorHandler(errors);

    ConditionalHandler.NextElseReject methods = new ConditionalHandler.NextElseReject(405);
    methods.includeMethod(METHODS.split(", "));
    methods.setHandler(new SessionShare(admitted(new RequestBodies(context, bodyDeadline))));
    GracefulHandler graceful = new GracefulHandler();
    graceful.setHandler(methods);
    server.setHandler(graceful);
  }

  /** The app behind a limit on the requests worked on at once; health checks always pass. */
  private static QoSHandler admitted(Handler app) {
    QoSHandler limit = new QoSHandler(app);
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

  /** The routes it serves, in the order they were given. */
  public List<Route> routes() {
    return routes;
  }

  /** The port actually bound, useful when configured with 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /** The connections open now, each with what Jetty keeps for it between requests. */
  Collection<EndPoint> openConnections() {
    return connector.getConnectedEndPoints();
  }

  /** Stops accepting requests and lets in-flight ones finish ({@link GracefulHandler}), up to the stop timeout. */
  public void stop() throws Exception {
    server.stop();
  }
}
