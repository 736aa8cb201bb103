package org.kapcompanion.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.kapcompanion.App;
import org.kapcompanion.config.AppConfig;
import org.kapcompanion.config.ConfigLoader;
import org.kapcompanion.config.EmbeddedEhr;
import org.kapcompanion.launch.AppKeys;
import org.kapcompanion.store.TestStores;

/**
 * One sandbox EHR (the shipped seed) per test JVM and persona, with three registered clients — public, client secret
 * and {@code private_key_jwt} — and an app node for each, started on first use. Tests isolate themselves by the
 * patients and launches they use, not by restarting the EHR (it takes 15–30 s to boot); the strict persona's is the
 * one most tests share, a vendor persona's is started only by the tests that name it.
 */
public final class TestEnvironment {

  public static final String PUBLIC_CLIENT = "kap-companion";
  public static final String SECRET_CLIENT = "kap-companion-secret";
  public static final String JWT_CLIENT = "kap-companion-jwt";
  public static final String CLIENT_SECRET = "integration-test-secret";
  public static final String STORE_KEY_VARIABLE = "KAP_TEST_STORE_KEY";
  public static final String ADMIN_TOKEN = "integration-test-admin-token-0123456789";

  /** The persona most tests run against. */
  public static final String STRICT = "strict";
  /** The sandbox's host: 127.0.0.1, or a name the benchmark resolves per JVM (system property kap.test.ehrHost). */
  private static final String EHR_HOST = System.getProperty("kap.test.ehrHost", "127.0.0.1");

  private static final Map<String, TestEnvironment> INSTANCES = new java.util.HashMap<>();

  private final String persona;
  private final Path root;
  private final EmbeddedEhr ehr;
  private final LocalDate seededOn;
  private final Map<String, Integer> ports;
  private final Map<String, App> apps = new java.util.HashMap<>();
  private final Map<String, ServerSocket> reservations;

  private TestEnvironment(String persona, Path root, EmbeddedEhr ehr, LocalDate seededOn,
      Map<String, ServerSocket> reservations) {
    this.persona = persona;
    this.root = root;
    this.ehr = ehr;
    this.seededOn = seededOn;
    this.reservations = new java.util.HashMap<>(reservations);
    this.ports = portsOf(reservations);
  }

  private static Map<String, Integer> portsOf(Map<String, ServerSocket> reservations) {
    Map<String, Integer> ports = new java.util.HashMap<>();
    reservations.forEach((id, socket) -> ports.put(id, socket.getLocalPort()));
    return ports;
  }

  /** The strict persona's environment. */
  public static TestEnvironment get() {
    return of(STRICT);
  }

  /** The environment of sandbox persona {@code persona} ({@code strict}, {@code epic-like}, {@code oracle-like}). */
  public static synchronized TestEnvironment of(String persona) {
    TestEnvironment instance = INSTANCES.get(persona);
    if (instance == null) {
      try {
        instance = start(persona);
      } catch (Exception e) {
        throw new IllegalStateException("the test environment (" + persona + ") did not start", e);
      }
      INSTANCES.put(persona, instance);
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
    }
    return instance;
  }

  private static TestEnvironment start(String persona) throws Exception {
    Path root = Files.createTempDirectory("kap-it-" + persona);
    Map<String, ServerSocket> reservations =
        Map.of(PUBLIC_CLIENT, reservePort(), SECRET_CLIENT, reservePort(), JWT_CLIENT, reservePort());
    Map<String, Integer> ports = portsOf(reservations);
    AppKeys.rotate(root.resolve(JWT_CLIENT + "/keys.jwks"), Clock.systemUTC());
    List<EmbeddedEhr.RegisteredClient> clients = List.of(
        client(PUBLIC_CLIENT, ports.get(PUBLIC_CLIENT), "none", null),
        client(SECRET_CLIENT, ports.get(SECRET_CLIENT), "client_secret_basic", CLIENT_SECRET),
        client(JWT_CLIENT, ports.get(JWT_CLIENT), "private_key_jwt", null));
    EmbeddedEhr.Provider provider = ServiceLoader.load(EmbeddedEhr.Provider.class).findFirst().orElseThrow();
    LocalDate seededOn = LocalDate.now();
    EmbeddedEhr ehr = provider.start(new EmbeddedEhr.Options(root.resolve("sandbox"), EHR_HOST, 0, false, clients,
        EmbeddedEhr.Options.DEFAULT_SEED_PREFIX, java.time.Duration.ofHours(1), persona));
    return new TestEnvironment(persona, root, ehr, seededOn, reservations);
  }

  private static EmbeddedEhr.RegisteredClient client(String id, int port, String method, String secret) {
    URI base = URI.create("http://localhost:" + port + "/");
    return new EmbeddedEhr.RegisteredClient(id, "KAP Companion (" + method + ")", base.resolve("launch"),
        Set.of(base.resolve("callback")), method, secret,
        method.equals("private_key_jwt") ? base.resolve(".well-known/jwks.json") : null);
  }

  /**
   * The day the sandbox loaded its seed, whose dates it moved to that day: what a test expects of a seeded date, even
   * when the clock has passed midnight since.
   */
  public LocalDate seededOn() {
    return seededOn;
  }

  public EmbeddedEhr ehr() {
    return ehr;
  }

  public URI ehrOrigin() {
    return URI.create(ehr.fhirBase().getScheme() + "://" + ehr.fhirBase().getAuthority() + "/");
  }

  /** The app node registered as {@code clientId}, started on first use. */
  public synchronized App app(String clientId) {
    return apps.computeIfAbsent(clientId, id -> {
      try {
        releaseReservation(id);
        return App.start(config(id));
      } catch (Exception e) {
        throw new IllegalStateException("app " + id + " did not start", e);
      }
    });
  }

  /** Stops the app node registered as {@code clientId} and starts it again on the same port, e.g. after a key rotation. */
  public synchronized App restart(String clientId) {
    App running = apps.remove(clientId);
    if (running != null) {
      running.close();
    }
    return app(clientId);
  }

  /** The file holding the signing keys of the app node registered as {@code clientId}. */
  public Path keysFile(String clientId) {
    return root.resolve(clientId + "/keys.jwks");
  }

  public URI appUrl(String clientId, String path) {
    return URI.create("http://localhost:" + ports.get(clientId) + "/").resolve(path);
  }

  /** The JDBC URL of the strict persona's app node's store, an in-memory H2 database tests may open too. */
  public static String storeUrl(String clientId) {
    return "jdbc:h2:mem:" + clientId + ";DB_CLOSE_DELAY=-1";
  }

  /** The JDBC URL of this environment's app node {@code clientId}'s store. */
  public String storeUrlOf(String clientId) {
    return persona.equals(STRICT) ? storeUrl(clientId) : "jdbc:h2:mem:" + persona + "-" + clientId + ";DB_CLOSE_DELAY=-1";
  }

  /** The sandbox persona this environment's EHR behaves like. */
  public String persona() {
    return persona;
  }

  private AppConfig config(String clientId) throws Exception {
    return new ConfigLoader(appEnvironment(), Path.of("").toAbsolutePath())
        .parse(configJson(clientId, storeUrlOf(clientId)));
  }

  /**
   * The configuration of the app node registered as {@code clientId}, for a node started here or as its own process
   * (with {@link #appEnvironment()} as its environment).
   */
  public String configJson(String clientId, String storeJdbcUrl) {
    String auth = switch (clientId) {
      case SECRET_CLIENT -> "{\"method\": \"client_secret_basic\", \"secret\": \"env:KAP_TEST_CLIENT_SECRET\"}";
      case JWT_CLIENT -> "{\"method\": \"private_key_jwt\", \"algorithm\": \"RS384\"}";
      default -> "{\"method\": \"none\"}";
    };
    int port = ports.get(clientId);
    return """
        {"publicBaseUrl": "http://localhost:%d/", "server": {"host": "127.0.0.1", "port": %d},
         "dataDir": "%s", "keysFile": "%s",
         "store": {"jdbcUrl": "%s", "encryptionKey": "env:%s"}, "admin": {"token": "env:KAP_TEST_ADMIN_TOKEN"},
         "tenants": [{"id": "sandbox", "displayName": "Sandbox EHR", "fhirBaseUrl": "%s", "clientId": "%s",
                      "clientAuth": %s, "allowedEhrOrigins": ["%s"]}]}
        """.formatted(port, port, root.resolve(clientId), root.resolve(clientId + "/keys.jwks"),
        storeJdbcUrl, STORE_KEY_VARIABLE, ehr.fhirBase(), clientId, auth,
        ehrOrigin().toString().replaceAll("/$", ""));
  }

  /** The secrets the app configuration refers to: store key, client secret, admin token. */
  public static Map<String, String> appEnvironment() {
    return Map.of(STORE_KEY_VARIABLE, Base64.getEncoder().encodeToString(TestStores.KEY),
        "KAP_TEST_CLIENT_SECRET", CLIENT_SECRET, "KAP_TEST_ADMIN_TOKEN", ADMIN_TOKEN);
  }

  /**
   * Binds a free loopback port and keeps it bound until its app node starts, so neither another server nor an
   * outgoing connection's local port can take it in between.
   */
  private static ServerSocket reservePort() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 1);
    return socket;
  }

  /** Frees the port kept for the app node registered as {@code clientId}, for a node started as its own process. */
  public synchronized void releasePort(String clientId) throws IOException {
    releaseReservation(clientId);
  }

  private void releaseReservation(String clientId) throws IOException {
    ServerSocket reservation = reservations.remove(clientId);
    if (reservation != null) {
      reservation.close();
    }
  }

  private synchronized void close() {
    apps.values().forEach(App::close);
    ehr.close();
  }
}
