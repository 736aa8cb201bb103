package org.kapcompanion.sandbox;

import com.nimbusds.jose.JOSEException;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.kapcompanion.config.EmbeddedEhr;
import org.kapcompanion.config.EmbeddedEhr.Options;
import org.kapcompanion.config.EmbeddedEhr.RegisteredClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sandbox EHR: the HAPI JPA FHIR server, the SMART authorization server and the launcher, on one Jetty
 * server of their own (a different origin from the app, like a real EHR).
 */
final class Sandbox implements EmbeddedEhr {

  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
  private static final Duration LAUNCH_LIFETIME = Duration.ofHours(12);
  private static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);
  private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
  private static final Duration OFFLINE_REFRESH_LIFETIME = Duration.ofDays(30);
  private static final Duration ONLINE_REFRESH_LIFETIME = Duration.ofHours(12);

  private final Server server;
  private final FhirServer fhirServer;
  private final SandboxUrls urls;
  private final Persona persona;

  private Sandbox(Server server, FhirServer fhirServer, SandboxUrls urls, Persona persona) {
    this.server = server;
    this.fhirServer = fhirServer;
    this.urls = urls;
    this.persona = persona;
  }

  static Sandbox start(Options options) throws Exception {
    long started = System.nanoTime();
    Persona persona = Persona.of(options.persona());
    Path dataDir = prepareDataDir(options);
    Clock clock = Clock.systemDefaultZone();
    Server server = new Server();
    server.setErrorHandler(quietErrors());
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(options.host());
    connector.setPort(options.port());
    server.addConnector(connector);
    // Until the FHIR server is up every request is answered "EHR starting…"; the real handlers replace that page.
    Handler.Wrapper root = new Handler.Wrapper(true, new StartingPage());
    server.setHandler(root);
    server.start();
    SandboxUrls urls = SandboxUrls.of(options.host(), connector.getLocalPort());
    LOG.info("Sandbox EHR starting at {}", urls.launcher());
    FhirServer fhirServer;
    SignedTokens tokens;
    try {
      tokens = signedTokens(dataDir, urls, persona.rules().accessTokenLifetime().orElse(options.accessTokenLifetime()),
          clock);
      fhirServer =
          FhirServer.start(
              new FhirServerSettings(
                  dataDir,
                  urls.fhirBase(),
                  List.of(new SmartAuthorizationInterceptor(tokens), new SmartCapabilities(urls),
                      new PersonaEnforcement(persona.rules()))));
    } catch (Exception | Error e) {
      server.stop();
      throw e;
    }
    Sandbox sandbox = new Sandbox(server, fhirServer, urls, persona);
    try {
      long booted = System.nanoTime();
      SeedLoader.Outcome seed = seed(fhirServer, options, dataDir, clock);
      new TodaysVisits(fhirServer.daoRegistry())
          .book(SeedLoader.scenarios(options.seedPrefix()).keySet(), LocalDate.now(clock));
      long seeded = System.nanoTime();
      ServletContextHandler handlers = sandbox.handlers(options.clients(), options.seedPrefix(), tokens, clock);
      root.setHandler(handlers);
      if (!handlers.isStarted()) {
        handlers.start();
      }
      long now = System.nanoTime();
      LOG.info(
          "Sandbox EHR ({}) at {} in {} ms (FHIR server {} ms, seed {} {} ms, web {} ms)",
          persona.setting(),
          urls.launcher(),
          millis(started, now),
          millis(started, booted),
          seed,
          millis(booted, seeded),
          millis(seeded, now));
      return sandbox;
    } catch (Exception | Error e) {
      sandbox.close();
      throw e;
    }
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  @Override
  public URI fhirBase() {
    return urls.fhirBase();
  }

  @Override
  public URI launcherUrl() {
    return urls.launcher();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("Sandbox web server did not stop cleanly: {}", e.getClass().getSimpleName());
    } finally {
      fhirServer.close();
    }
  }

  private ServletContextHandler handlers(
      List<RegisteredClient> clientList, String seedPrefix, SignedTokens tokens, Clock clock) {
    Map<String, RegisteredClient> clients =
        clientList.stream()
            .collect(Collectors.toMap(RegisteredClient::clientId, c -> c, (a, b) -> a, LinkedHashMap::new));
    Directory directory = new Directory(fhirServer.daoRegistry());
    Pages pages = new Pages(frameSources(clientList));
    ExpiringStore<IssuedLaunchContext> launches = new ExpiringStore<>(LAUNCH_LIFETIME, clock);
    ExpiringStore<AuthorizeFlow.IssuedCode> codes = new ExpiringStore<>(CODE_LIFETIME, clock);
    AuthorizeFlow flow =
        new AuthorizeFlow(
            clients,
            urls,
            launches,
            new ExpiringStore<>(LOGIN_LIFETIME, clock),
            codes,
            new ScopePolicy(fhirServer.fhirContext().getResourceTypes(), persona.rules().patientLevelWrites()),
            directory,
            clock);
    TokenEndpoint tokenEndpoint =
        new TokenEndpoint(
            new ClientAuthenticator(clients, urls, clock),
            codes,
            new RefreshTokens(OFFLINE_REFRESH_LIFETIME, ONLINE_REFRESH_LIFETIME, clock),
            tokens,
            urls);

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/");
    context.addFilter(new FilterHolder(new StrictRequests()), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.setErrorHandler(quietErrors());
    context.addServlet(new ServletHolder("fhir", fhirServer.restfulServer()), "/fhir/*");
    context.addServlet(
        new ServletHolder(new JsonDocumentServlet(Discovery.smartConfiguration(urls))),
        "/fhir/.well-known/smart-configuration");
    context.addServlet(
        new ServletHolder(new JsonDocumentServlet(Discovery.openidConfiguration(urls))),
        "/.well-known/openid-configuration");
    context.addServlet(new ServletHolder(new JsonDocumentServlet(tokens.publicKeys().toString())), "/auth/jwks");
    AuthorizeServlet authorize = new AuthorizeServlet(flow, directory, pages);
    context.addServlet(new ServletHolder(authorize), "/auth/authorize");
    context.addServlet(new ServletHolder(authorize), "/auth/login");
    context.addServlet(new ServletHolder(authorize), "/auth/patient");
    context.addServlet(new ServletHolder(new OAuthEndpointServlet(tokenEndpoint::token)), "/auth/token");
    context.addServlet(new ServletHolder(new OAuthEndpointServlet(tokenEndpoint::introspect)), "/auth/introspect");
    context.addServlet(new ServletHolder(new OAuthEndpointServlet(tokenEndpoint::revoke)), "/auth/revoke");
    LauncherServlet launcher = new LauncherServlet(clients, launches, directory, urls, pages,
        SeedLoader.scenarios(seedPrefix), clock);
    context.addServlet(new ServletHolder(launcher), "");
    context.addServlet(new ServletHolder(launcher), "/launch");
    context.addServlet(new ServletHolder(launcher), "/ehr");
    context.addServlet(staticFiles(), "/static/*");
    return context;
  }

  private static ServletHolder staticFiles() {
    ServletHolder holder = new ServletHolder("static", DefaultServlet.class);
    holder.setInitParameter(
        "baseResource", Sandbox.class.getClassLoader().getResource("sandbox/static/").toExternalForm());
    holder.setInitParameter("pathInfoOnly", "true");
    holder.setInitParameter("dirAllowed", "false");
    return holder;
  }

  private static SeedLoader.Outcome seed(FhirServer fhirServer, Options options, Path dataDir, Clock clock) {
    DateShift shift =
        new DateShift(fhirServer.fhirContext(), DateShift.daysFromSeedTo(LocalDate.now(clock)));
    return new SeedLoader(fhirServer.fhirContext(), fhirServer.systemDao(), options.seedPrefix(), shift)
        .loadOnce(dataDir);
  }

  private static SignedTokens signedTokens(Path dataDir, SandboxUrls urls, Duration lifetime, Clock clock)
      throws JOSEException {
    return new SignedTokens(SigningKey.loadOrCreate(dataDir), urls, lifetime, clock);
  }

  /** The origins of the registered apps' launch URLs, which the EHR page may frame. */
  private static String frameSources(List<RegisteredClient> clients) {
    return clients.stream()
        .map(RegisteredClient::launchUrl)
        .map(u -> u.getScheme() + "://" + u.getAuthority())
        .distinct()
        .collect(Collectors.joining(" "));
  }

  private static Path prepareDataDir(Options options) throws IOException {
    Path dir = options.dataDir().toAbsolutePath();
    if (options.reset() && Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    return dir;
  }

  private static ErrorHandler quietErrors() {
    ErrorHandler handler = new QuietErrorHandler();
    handler.setShowStacks(false);
    handler.setShowMessageInTitle(false);
    return handler;
  }

  /** Error pages that name the status only: no exception class, message or stack trace reaches the browser. */
  private static final class QuietErrorHandler extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
    @Override
    protected void writeErrorHtmlMessage(
        Request request, Writer writer, int code, String message, Throwable cause, String uri) throws IOException {
      writer.write("<h2>HTTP ERROR " + code + "</h2>\n");
    }
  }
}
