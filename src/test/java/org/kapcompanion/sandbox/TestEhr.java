package org.kapcompanion.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.kapcompanion.config.EmbeddedEhr;
import org.kapcompanion.config.EmbeddedEhr.Options;
import org.kapcompanion.config.EmbeddedEhr.RegisteredClient;

/**
 * A sandbox started the way the app starts it (ServiceLoader), on a fresh data directory with the test seed, with
 * a public, a client-secret and a private_key_jwt client whose JWKS a small local HTTP server publishes.
 */
final class TestEhr implements AutoCloseable {

  static final String SEED = "sandbox-seed/";
  static final String PUBLIC_CLIENT = "test-public";
  static final String SECRET_CLIENT = "test-secret";
  static final String SECRET = "test-secret-value";
  static final String JWT_CLIENT = "test-jwt";
  static final URI REDIRECT = URI.create("http://127.0.0.1:9/callback");
  static final URI APP_LAUNCH = URI.create("http://127.0.0.1:9/launch");
  static final String THERAPIST = "test-therapist";
  static final String ALEX = "test-alex";
  static final String BLAKE = "test-blake";
  static final String ALEX_ENCOUNTER = "test-alex-session-1";

  final EmbeddedEhr ehr;
  final RSAKey clientKey;
  /**
   * The day this sandbox started: on a fresh data directory, the day it loaded its seed and moved the seed's dates
   * to, which a test expects of a seeded date even when the clock has passed midnight since.
   */
  final LocalDate startedOn;
  private final HttpServer jwksServer;

  private TestEhr(EmbeddedEhr ehr, RSAKey clientKey, LocalDate startedOn, HttpServer jwksServer) {
    this.ehr = ehr;
    this.clientKey = clientKey;
    this.startedOn = startedOn;
    this.jwksServer = jwksServer;
  }

  static TestEhr start() throws Exception {
    return start(Files.createTempDirectory("sandbox-test"), false, 0);
  }

  /** A sandbox on the given data directory and port (0 for any free port). */
  static TestEhr start(Path dataDir, boolean reset, int port) throws Exception {
    RSAKey clientKey = newRs384Key();
    HttpServer jwksServer = serveJwks(new JWKSet(clientKey.toPublicJWK()));
    URI jwksUri = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks");
    Options options =
        new Options(dataDir, "127.0.0.1", port, reset, clients(jwksUri), SEED, Duration.ofHours(1),
            Options.DEFAULT_PERSONA);
    try {
      EmbeddedEhr.Provider provider = ServiceLoader.load(EmbeddedEhr.Provider.class).findFirst().orElseThrow();
      LocalDate startedOn = LocalDate.now();
      return new TestEhr(provider.start(options), clientKey, startedOn, jwksServer);
    } catch (Exception e) {
      jwksServer.stop(0);
      throw e;
    }
  }

  static RSAKey newRs384Key() throws JOSEException {
    return new RSAKeyGenerator(2048)
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.RS384)
        .keyIDFromThumbprint(true)
        .generate();
  }

  private static List<RegisteredClient> clients(URI jwksUri) {
    return List.of(
        new RegisteredClient(PUBLIC_CLIENT, "Test app (public)", APP_LAUNCH, Set.of(REDIRECT), "none", null, null),
        new RegisteredClient(
            SECRET_CLIENT, "Test app (secret)", APP_LAUNCH, Set.of(REDIRECT), "client_secret_basic", SECRET, null),
        new RegisteredClient(
            JWT_CLIENT, "Test app (JWT)", APP_LAUNCH, Set.of(REDIRECT), "private_key_jwt", null, jwksUri));
  }

  private static HttpServer serveJwks(JWKSet keys) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/jwks",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  URI fhirBase() {
    return ehr.fhirBase();
  }

  String origin() {
    URI launcher = ehr.launcherUrl();
    return launcher.getScheme() + "://" + launcher.getAuthority();
  }

  @Override
  public void close() {
    ehr.close();
    jwksServer.stop(0);
  }
}
