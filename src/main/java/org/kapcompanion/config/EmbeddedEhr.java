package org.kapcompanion.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A FHIR server with a SMART authorization server that runs inside the app's JVM (the sandbox EHR).
 * The app finds an implementation through {@link java.util.ServiceLoader}, so it never depends on one directly.
 */
public interface EmbeddedEhr extends AutoCloseable {

  /** The FHIR base URL, which is also the {@code iss} of its launches. */
  URI fhirBase();

  /** The page where a user picks a practitioner and patient and launches an app. */
  URI launcherUrl();

  @Override
  void close();

  /** Starts an embedded EHR. Registered in {@code META-INF/services}. */
  interface Provider {
    EmbeddedEhr start(Options options) throws Exception;
  }

  /**
   * How to start the embedded EHR.
   *
   * @param dataDir where its database lives; created when missing
   * @param host the interface to bind (127.0.0.1)
   * @param port the port to bind, 0 for any free port
   * @param reset whether to delete the data directory first
   * @param clients the apps registered with its authorization server
   * @param seedPrefix the classpath folder (ending in {@code /}) whose {@code index.txt} lists the seed bundles
   * @param accessTokenLifetime how long the access tokens it issues are valid
   * @param persona which EHR it behaves like ({@code strict}: the SMART App Launch 2.2 and FHIR R4 rules the app
   *     relies on)
   */
  record Options(
      Path dataDir,
      String host,
      int port,
      boolean reset,
      List<RegisteredClient> clients,
      String seedPrefix,
      Duration accessTokenLifetime,
      String persona) {

    /** The seed the demo ships with. */
    public static final String DEFAULT_SEED_PREFIX = "sandbox/seed/";

    /** The persona of a sandbox started without one. */
    public static final String DEFAULT_PERSONA = "strict";

    /** Options with the shipped seed, one-hour access tokens and the strict persona. */
    public Options(Path dataDir, String host, int port, boolean reset, List<RegisteredClient> clients) {
      this(dataDir, host, port, reset, clients, DEFAULT_SEED_PREFIX, Duration.ofHours(1), DEFAULT_PERSONA);
    }
  }

  /**
   * An app registered with the embedded authorization server.
   *
   * @param clientId the OAuth client id
   * @param name what the launcher shows
   * @param launchUrl the app's launch URL, opened with {@code iss} and {@code launch}
   * @param redirectUris the redirect URIs it may use
   * @param authMethod {@code none}, {@code client_secret_basic}, {@code client_secret_post} or {@code private_key_jwt}
   * @param secret the client secret, for the two secret methods
   * @param jwksUri where its public keys are, for {@code private_key_jwt}
   */
  record RegisteredClient(
      String clientId,
      String name,
      URI launchUrl,
      Set<URI> redirectUris,
      String authMethod,
      String secret,
      URI jwksUri) {}
}
