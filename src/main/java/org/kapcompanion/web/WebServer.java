package org.kapcompanion.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URL;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The app's Jetty server: routes, the filters every request passes (request boundary, security headers), static
 * assets from the classpath and WebJars, and error pages without stack traces.
 */
public final class WebServer {

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
    QueuedThreadPool threads = new QueuedThreadPool(400, 8);
    threads.setName("kap-web");
    server = new Server(threads);
    connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setStopTimeout(10_000);

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
    graceful.setHandler(context);
    server.setHandler(graceful);
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
