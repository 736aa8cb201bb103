package org.kapcompanion.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The validated configuration of one app node: where it listens, what it stores, which EHRs it serves.
 *
 * @param publicBaseUrl the URL browsers use to reach the app; launch, callback and JWKS URLs derive from it
 * @param host the interface to bind
 * @param port the port to bind (0 for any free port)
 * @param dataDir where embedded data (H2 database, generated keys) lives
 * @param store the app's own database
 * @param keysFile the JSON Web Key Set file holding the app's private_key_jwt signing keys
 * @param tenants the EHRs this node serves; empty means "start the sandbox EHR"
 * @param sandbox settings of the embedded sandbox EHR
 * @param protocol the clinic's clinical protocol
 * @param adminToken the secret IT staff present to see the status page and metrics; without it they are closed
 * @param timeZone the clinic's time zone: every page shows times in it, and "today" is its day
 * @param reviewChangeFeed whether the review queue picks up sessions recorded by other means from the EHR's change
 *     feed ({@code review.changeFeed}: {@code auto}, switched off per EHR that refuses searches across patients, or
 *     {@code off})
 */
public record AppConfig(
    URI publicBaseUrl,
    String host,
    int port,
    Path dataDir,
    StoreConfig store,
    Path keysFile,
    List<TenantConfig> tenants,
    SandboxConfig sandbox,
    ClinicalProtocol protocol,
    Optional<String> adminToken,
    java.time.ZoneId timeZone,
    boolean reviewChangeFeed) {

  public AppConfig {
    tenants = List.copyOf(tenants);
  }

  /** The tenant whose FHIR base is exactly {@code iss}, if any. */
  public Optional<TenantConfig> tenantForIssuer(URI iss) {
    return tenants.stream().filter(t -> t.fhirBaseUrl().equals(iss)).findFirst();
  }

  public Optional<TenantConfig> tenant(String id) {
    return tenants.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** A copy serving the given tenants, e.g. after the sandbox has started and its tenant is known. */
  public AppConfig withTenants(List<TenantConfig> newTenants) {
    return new AppConfig(publicBaseUrl, host, port, dataDir, store, keysFile, newTenants, sandbox, protocol,
        adminToken, timeZone, reviewChangeFeed);
  }

  /** A copy that deletes and reseeds the sandbox EHR's database at start. */
  public AppConfig withSandboxReset() {
    return new AppConfig(publicBaseUrl, host, port, dataDir, store, keysFile, tenants,
        new SandboxConfig(sandbox.enabled(), sandbox.port(), true, sandbox.persona()), protocol, adminToken, timeZone,
        reviewChangeFeed);
  }

  public URI launchUrl() {
    return publicBaseUrl.resolve("launch");
  }

  public URI redirectUri() {
    return publicBaseUrl.resolve("callback");
  }

  public URI jwksUrl() {
    return publicBaseUrl.resolve(".well-known/jwks.json");
  }

  /** Leaves out the admin token. */
  @Override
  public String toString() {
    return "AppConfig[publicBaseUrl=" + publicBaseUrl + ", host=" + host + ", port=" + port + ", store=" + store
        + ", tenants=" + tenants + ", adminToken=" + (adminToken.isPresent() ? "set" : "not set") + "]";
  }

  /**
   * Settings of the embedded sandbox EHR.
   *
   * @param enabled whether to start it: always when no tenant is configured
   * @param port the port of the sandbox EHR (a different origin from the app, like a real EHR)
   * @param reset delete the sandbox database at start
   * @param persona which EHR the sandbox behaves like, one of {@link #PERSONAS}
   */
  public record SandboxConfig(boolean enabled, int port, boolean reset, String persona) {

    /** The personas the sandbox offers; the first is the default. */
    public static final List<String> PERSONAS = List.of("strict", "epic-like", "oracle-like");
  }
}
