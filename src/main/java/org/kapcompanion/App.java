package org.kapcompanion;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.kapcompanion.admin.AdminFeature;
import org.kapcompanion.admin.DaemonThreads;
import org.kapcompanion.admin.CheckCommand;
import org.kapcompanion.admin.RequestCost;
import org.kapcompanion.admin.EndpointCheck;
import org.kapcompanion.admin.FhirClientMetrics;
import org.kapcompanion.admin.Metrics;
import org.kapcompanion.admin.Readiness;
import org.kapcompanion.forms.FormCatalog;
import org.kapcompanion.forms.FormResponses;
import org.kapcompanion.predose.PredoseChecklistPage;
import org.kapcompanion.config.AppConfig;
import org.kapcompanion.config.ConfigException;
import org.kapcompanion.config.ConfigLoader;
import org.kapcompanion.config.EmbeddedEhr;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.course.CoursePage;
import org.kapcompanion.course.CourseReader;
import org.kapcompanion.integration.IntegrationPage;
import org.kapcompanion.launch.AppKeys;
import org.kapcompanion.launch.ClientAuthenticationProbe;
import org.kapcompanion.launch.LaunchFeature;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.handout.HandoutPage;
import org.kapcompanion.preparation.PreparationPage;
import org.kapcompanion.discharge.DischargePage;
import org.kapcompanion.monitoring.MonitoringFeature;
import org.kapcompanion.record.RecordReader;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.record.SummaryPage;
import org.kapcompanion.review.ReviewFeature;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.web.SecurityHeaders;
import org.kapcompanion.web.Templates;
import org.kapcompanion.web.WebServer;
import org.kapcompanion.writeback.ConformancePackage;
import org.kapcompanion.writeback.ResourceValidator;
import org.kapcompanion.writeback.WritebackFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: reads the configuration, builds the shared objects once (FHIR context, store, templates),
 * wires the features, starts the sandbox EHR when no EHR is configured, and starts Jetty.
 */
public final class App implements AutoCloseable {

  static final String SANDBOX_CLIENT_ID = "kap-companion";
  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  private final AppConfig config;
  private final Optional<EmbeddedEhr> sandbox;
  private final Database database;
  private final WebServer web;
  private final ExecutorService background;
  private final List<AutoCloseable> features;

  private App(AppConfig config, Optional<EmbeddedEhr> sandbox, Database database, WebServer web,
      ExecutorService background, List<AutoCloseable> features) {
    this.config = config;
    this.sandbox = sandbox;
    this.database = database;
    this.web = web;
    this.background = background;
    this.features = List.copyOf(features);
  }

  public static void main(String[] args) {
    CommandLine command = CommandLine.parse(args);
    try {
      ConfigLoader loader = new ConfigLoader(System.getenv(), Path.of("").toAbsolutePath());
      AppConfig config = command.name().equals("keys") ? loader.loadForKeyCreation(command.configFile())
          : loader.load(command.configFile());
      switch (command.name()) {
        case "serve" -> serve(command.resetSandbox() ? config.withSandboxReset() : config);
        case "keys" -> rotateKeys(config);
        case "check" -> System.exit(new CheckCommand(new EndpointCheck(fhirContext()),
            new ClientAuthenticationProbe(config.keysFile()), System.out)
            .run(config, command.argument()));
        default -> {
          System.err.println("Unknown command \"" + command.name() + "\". Use: serve | check [tenant] | keys new");
          System.exit(2);
        }
      }
    } catch (ConfigException e) {
      System.err.println("KAP Companion cannot start. Fix these settings in " + command.configFile() + ":");
      e.problems().forEach(problem -> System.err.println("  - " + problem));
      System.exit(2);
    }
  }

  private static void serve(AppConfig config) throws ConfigException {
    if ((config.tenants().isEmpty() || config.sandbox().enabled())
        && ServiceLoader.load(EmbeddedEhr.Provider.class).findFirst().isPresent()) {
      System.out.println("Sandbox EHR starting: open http://" + config.host() + ":" + config.sandbox().port()
          + "/ now; it shows \"EHR starting…\" until its FHIR server is up, then the launcher");
    }
    try {
      App app = start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(app::close, "kap-shutdown"));
      System.out.println();
      System.out.println("KAP Companion is running at " + app.config.publicBaseUrl());
      app.sandbox.ifPresent(ehr -> System.out.println("Sandbox EHR: open " + ehr.launcherUrl()
          + " to launch KAP Companion for a patient"));
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      LOG.error("start failed: {}", e.getClass().getName());
      System.err.println("KAP Companion could not start: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void rotateKeys(AppConfig config) {
    try {
      List<String> ids = AppKeys.rotate(config.keysFile(), Clock.systemUTC());
      System.out.println("New signing keys " + ids + " written to " + config.keysFile());
      System.out.println("EHRs fetch the public keys from " + config.jwksUrl());
    } catch (IOException e) {
      System.err.println("Cannot write " + config.keysFile() + ": " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Starts the app (and the sandbox EHR when no EHR is configured or the sandbox is enabled). What needs no EHR (the
   * store, the conformance package, the validator's warm-up) starts first, so it runs beside the sandbox's boot; the
   * app listens once the sandbox is up.
   */
  public static App start(AppConfig configured) throws Exception {
    Optional<EmbeddedEhr.Provider> sandboxProvider = configured.tenants().isEmpty() || configured.sandbox().enabled()
        ? Optional.of(sandboxProvider(configured)) : Optional.empty();
    ExecutorService background = threads("kap-background", 1);
    Optional<EmbeddedEhr> sandbox = Optional.empty();
    Database database = null;
    WebServer web = null;
    List<AutoCloseable> features = new ArrayList<>();
    try {
      database = Database.opening(configured.store(), runnable -> new Thread(runnable, "kap-store-open").start());
      FhirContext fhir = fhirContext();
      CompletableFuture<ConformancePackage> conformancePackage =
          CompletableFuture.supplyAsync(() -> ConformancePackage.fromClasspath(fhir), background);
      CompletableFuture<ResourceValidator> validator =
          conformancePackage.thenApply(parsed -> warming(new ResourceValidator(fhir, parsed), background));
      if (sandboxProvider.isPresent()) {
        sandbox = Optional.of(startSandbox(sandboxProvider.get(), configured));
      }
      AppConfig config = sandbox.map(ehr -> withSandboxTenant(configured, ehr)).orElse(configured);
      web = webServer(config, database, fhir, conformancePackage.join(), validator.join(), background, features);
      web.start();
      database.awaitOpen();
      LOG.info("KAP Companion listening on {}:{} for {} tenant(s)", config.host(), web.port(), config.tenants().size());
      return new App(config, sandbox, database, web, background, features);
    } catch (Exception e) {
      stopWeb(web);
      background.shutdownNow();
      closeAll(features);
      if (database != null) {
        database.close();
      }
      sandbox.ifPresent(EmbeddedEhr::close);
      throw e;
    }
  }

  /** Starts the validator's warm-up on {@code background}; {@code /ready} fails until it has finished. */
  private static ResourceValidator warming(ResourceValidator validator, ExecutorService background) {
    validator.warmUp(background).whenComplete((warm, error) -> {
      if (error != null) {
        LOG.error("validator warm-up failed, so /ready stays 503: {}: {}", error.getClass().getName(),
            error.getMessage()); // the warm-up reads only the shipped package: no patient data
      }
    });
    return validator;
  }

  /**
   * Wires the features; the conformance package was parsed and the validator warmed in the background, and the store
   * opens in the background (its connections wait for it; {@code /ready} fails until it is open), so {@code /health}
   * answers sooner.
   */
  private static WebServer webServer(AppConfig config, Database database, FhirContext fhir,
      ConformancePackage conformancePackage, ResourceValidator validator, ExecutorService background,
      List<AutoCloseable> closeWithDatabase) {
    Clock clock = Clock.system(config.timeZone());
    Metrics metrics = new Metrics();
    FhirClientMetrics.instrument(fhir.getRestfulClientFactory(), metrics);
    SecurityHeaders headers = new SecurityHeaders(config.tenants().stream().collect(Collectors.toMap(
        TenantConfig::id, TenantConfig::allowedEhrOrigins)), "https".equals(config.publicBaseUrl().getScheme()));
    Templates templates = new Templates(headers);
    SecretBox box = new SecretBox(config.store().encryptionKey());
    LaunchFeature launch = new LaunchFeature(config, database.dataSource(), box, templates, headers,
        ReviewFeature.supervisorRoles(fhir, config.tenants()), clock);
    WritebackFeature writeback = new WritebackFeature(fhir, validator, database.dataSource(), box,
        launch.sessionTokens(), ReviewFeature.indexOfDeliveredSessions(database.dataSource(), validator, clock),
        config.store().deliveryStalledAfter(), clock).start();
    closeWithDatabase.add(writeback);
    launch.whenStarted(writeback::adoptWaiting);
    ExecutorService reads = fhirReads();
    RecordService records = new RecordService(new RecordReader(fhir, config.protocol(), reads, clock));
    SummaryPage summary = new SummaryPage(records, templates);
    CourseReader courses = new CourseReader(fhir, config.protocol().course(), reads, clock);
    FormCatalog forms = new FormCatalog(conformancePackage);
    FormResponses formResponses = new FormResponses(fhir, reads, writeback.entries(), clock);
    PredoseChecklistPage predose = new PredoseChecklistPage(forms, fhir, reads, records, formResponses,
        config.protocol(), courses, templates, clock);
    PreparationPage preparation = new PreparationPage(forms, records, formResponses,
        config.protocol().fasting(), templates, clock);
    HandoutPage handout = new HandoutPage(config.protocol(), records, fhir, reads, templates, clock);
    IntegrationPage integration = new IntegrationPage(fhir, writeback.entries(), reads, records, config.protocol(),
        templates, clock);
    MonitoringFeature monitoring = new MonitoringFeature(fhir, writeback.entries(), conformancePackage, forms,
        records, config.protocol(), reads, templates, clock);
    ReviewFeature review = new ReviewFeature(fhir, validator, conformancePackage, database.dataSource(),
        launch.sessionTokens(), records, config.protocol(), reads, templates, config.reviewChangeFeed(), clock);
    closeWithDatabase.add(review);
    launch.whenStarted(review::signedIn);
    AdminFeature admin = new AdminFeature(config.tenants(), config.adminToken(), new EndpointCheck(fhir),
        writeback.outboxStatus(), new Readiness(List.of(storeProbe(database),
            Readiness.Probe.passesWhen("validator", validator::isWarm), writeback.deliveryProbe())), metrics, templates);
    Map<String, SessionPage> pages = new HashMap<>(writeback.sessionPages());
    pages.put("", SessionPage.patientView(summary));
    pages.put("course", new CoursePage(courses, records, templates));
    pages.putAll(predose.pages());
    pages.putAll(preparation.pages());
    pages.put("handout", SessionPage.patientView(handout));
    pages.putAll(integration.pages());
    pages.putAll(monitoring.sessionPages());
    pages.put("discharge", SessionPage.needingPatient(new DischargePage(monitoring.todaysSession(),
        writeback.entries(), forms, records, config.protocol(), templates, clock)));
    pages.putAll(review.sessionPages());
    List<WebServer.Route> routes = new ArrayList<>(launch.routes(pages));
    routes.addAll(admin.routes());
    Set<String> formFields = forms.multiLineFields();
    Predicate<String> multiLine = field -> formFields.contains(field) || IntegrationPage.isMultiLine(field)
        || ReviewFeature.MULTI_LINE_FIELD.equals(field);
    return new WebServer(config.host(), config.port(), templates, headers, multiLine, routes, admin.guards());
  }

  /** The store is ready once it has opened and answers; until then the probe fails without waiting. */
  private static Readiness.Probe storeProbe(Database database) {
    Readiness.Probe answers = Readiness.store(database.dataSource());
    return Readiness.Probe.passesWhen(answers.name(), () -> database.isOpen() && answers.problem().get().isEmpty());
  }

  /**
   * Threads that wait on EHR reads; sized for many sessions each reading its parts in parallel. A read counts
   * towards the request that started it. A task here never waits for another task here (under load every thread could
   * be such a waiter): compound reads wait on the request's own thread.
   */
  private static ExecutorService fhirReads() {
    return RequestCost.propagating(threads("kap-fhir-read", 64));
  }

  private static ExecutorService threads(String name, int size) {
    return Executors.newFixedThreadPool(size, DaemonThreads.numbered(name));
  }

  private static FhirContext fhirContext() {
    FhirContext fhir = FhirContext.forR4();
    fhir.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
    IRestfulClientFactory clients = fhir.getRestfulClientFactory();
    clients.setServerValidationMode(ServerValidationModeEnum.NEVER);
    clients.setConnectTimeout(5_000);
    clients.setSocketTimeout(20_000);
    clients.setPoolMaxTotal(400);
    clients.setPoolMaxPerRoute(200);
    return fhir;
  }

  private static EmbeddedEhr startSandbox(EmbeddedEhr.Provider provider, AppConfig config) throws Exception {
    EmbeddedEhr.RegisteredClient client = new EmbeddedEhr.RegisteredClient(SANDBOX_CLIENT_ID, "KAP Companion",
        config.launchUrl(), Set.of(config.redirectUri()), "none", null, null);
    return provider.start(new EmbeddedEhr.Options(config.dataDir().resolve("sandbox"), config.host(),
        config.sandbox().port(), config.sandbox().reset(), List.of(client), EmbeddedEhr.Options.DEFAULT_SEED_PREFIX,
        Duration.ofHours(1), config.sandbox().persona()));
  }

  /** The sandbox EHR of this build; the production build has none, so a configuration that needs one is refused. */
  static EmbeddedEhr.Provider sandboxProvider(AppConfig config) throws ConfigException {
    return ServiceLoader.load(EmbeddedEhr.Provider.class).findFirst()
        .orElseThrow(() -> new ConfigException(List.of(config.tenants().isEmpty()
            ? "tenants: none configured, and this production build has no sandbox EHR — add the EHR this node "
                + "serves under \"tenants\" (config/README.md, \"tenants[] — one per EHR\"; a complete example is "
                + "config/examples/epic-like.json)"
            : "sandbox.enabled: this production build has no sandbox EHR — remove \"sandbox.enabled\"")));
  }

  private static AppConfig withSandboxTenant(AppConfig config, EmbeddedEhr sandbox) {
    URI base = sandbox.fhirBase();
    String origin = base.getScheme() + "://" + base.getAuthority();
    List<TenantConfig> tenants = new ArrayList<>(config.tenants());
    tenants.add(new TenantConfig("sandbox", "Sandbox EHR", base, SANDBOX_CLIENT_ID,
        TenantConfig.ClientAuth.publicClient(), Optional.empty(), List.of(origin), List.of()));
    return config.withTenants(tenants);
  }

  public int port() {
    return web.port();
  }

  /** The routes the app serves, so a check can reach every one of them. */
  public List<WebServer.Route> routes() {
    return web.routes();
  }

  public AppConfig config() {
    return config;
  }

  public Optional<EmbeddedEhr> sandbox() {
    return sandbox;
  }

  /**
   * Stops taking requests, lets in-flight ones finish (up to the web server's stop timeout), stops background work,
   * then closes the store and the sandbox.
   */
  @Override
  public void close() {
    stopWeb(web);
    background.shutdownNow();
    closeAll(features);
    database.close();
    sandbox.ifPresent(EmbeddedEhr::close);
    LOG.info("KAP Companion stopped");
  }

  /** Stops the features' background work (e.g. outbox delivery) before the store closes. */
  private static void closeAll(List<AutoCloseable> features) {
    for (AutoCloseable feature : features) {
      try {
        feature.close();
      } catch (Exception e) {
        LOG.warn("a feature did not stop cleanly: {}", e.getClass().getName());
      }
    }
  }

  private static void stopWeb(WebServer web) {
    if (web == null) {
      return;
    }
    try {
      web.stop();
    } catch (Exception e) {
      LOG.warn("web server did not stop cleanly: {}", e.getClass().getName());
    }
  }
}
