package org.kapcompanion.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.AppConfig;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.launch.ClientAuthenticationProbe;
import org.kapcompanion.testing.TestEnvironment;

class CheckCommandIT {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private final TestEnvironment environment = TestEnvironment.get();
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private HttpServer modifiedEhr;

  @AfterEach
  void stopModifiedEhr() {
    if (modifiedEhr != null) {
      modifiedEhr.stop(0);
    }
  }

  @Test
  void sandboxPassesWithTransactionsAndCarePlans() {
    AppConfig config = environment.app(TestEnvironment.JWT_CLIENT).config();

    int exitCode = check(config, Optional.of("sandbox"));

    assertThat(exitCode).as(text()).isZero();
    assertThat(text()).contains("Tenant sandbox — Sandbox EHR")
        .containsPattern("EHR origins +http://127\\.0\\.0\\.1:\\d+ \\(may show this tenant's sessions in a "
            + "frame\\)")
        .containsPattern("reachable +yes")
        .containsPattern("PKCE S256 +yes")
        .containsPattern("client auth +private_key_jwt configured, offered")
        .containsPattern("app JWKS +http://localhost:\\d+/\\.well-known/jwks\\.json reachable, \\d signing key")
        .containsPattern("transaction +yes")
        .containsPattern("writes +one transaction per save; integration plan as CarePlan \\+ Goal")
        .containsPattern("Observation +\\(yes\\) +yes +yes")
        .containsPattern("sign-in probe +token endpoint accepted — the token endpoint checked the client and "
            + "answered unsupported_grant_type")
        .containsPattern("result +OK");
  }

  /** A client secret the EHR does not know would refuse every sign-in: check asks the token endpoint and says so. */
  @Test
  void clientSecretTheEhrRefusesFailsTheCheck() {
    AppConfig config = environment.app(TestEnvironment.SECRET_CLIENT).config();
    TenantConfig.ClientAuth wrongSecret = new TenantConfig.ClientAuth(TenantConfig.AuthMethod.CLIENT_SECRET_BASIC,
        Optional.of("not-the-registered-secret"), Optional.empty());

    int exitCode = check(sandboxTenant(config, TestEnvironment.SECRET_CLIENT, wrongSecret), Optional.empty());

    assertThat(exitCode).as(text()).isEqualTo(1);
    assertThat(text()).containsPattern("PROBLEM +client authentication REFUSED by the token endpoint "
            + "\\(invalid_client\\) — check clientId, the client secret")
        .containsPattern("result +FAILED");
  }

  /** The registered secret passes the same probe. */
  @Test
  void clientSecretTheEhrAcceptsPassesTheProbe() {
    AppConfig config = environment.app(TestEnvironment.SECRET_CLIENT).config();
    TenantConfig.ClientAuth registered = new TenantConfig.ClientAuth(TenantConfig.AuthMethod.CLIENT_SECRET_BASIC,
        Optional.of(TestEnvironment.CLIENT_SECRET), Optional.empty());

    int exitCode = check(sandboxTenant(config, TestEnvironment.SECRET_CLIENT, registered), Optional.empty());

    assertThat(exitCode).as(text()).isZero();
    assertThat(text()).containsPattern("sign-in probe +token endpoint accepted");
  }

  /** Keys the app does not publish (a key file replaced without a restart) are refused by the EHR, before any user. */
  @Test
  void privateKeyJwtSignedWithUnpublishedKeysFailsTheCheck(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    AppConfig config = environment.app(TestEnvironment.JWT_CLIENT).config();
    java.nio.file.Path otherKeys = dir.resolve("keys.jwks");
    org.kapcompanion.launch.AppKeys.rotate(otherKeys, java.time.Clock.systemUTC());

    int exitCode = new CheckCommand(new EndpointCheck(FHIR), new ClientAuthenticationProbe(otherKeys),
        new PrintStream(output, true, StandardCharsets.UTF_8)).run(config, Optional.of("sandbox"));

    assertThat(exitCode).as(text()).isEqualTo(1);
    assertThat(text()).containsPattern("app JWKS +http://localhost:\\d+/\\.well-known/jwks\\.json reachable")
        .containsPattern("PROBLEM +client authentication REFUSED by the token endpoint \\(invalid_client\\)");
  }

  @Test
  void serverWithoutTransactionOrCarePlanWritesGetsTheFallbacks() throws Exception {
    CapabilityStatement statement = sandboxStatement();
    statement.getRestFirstRep().getInteraction().removeIf(i -> i.getCode() == SystemRestfulInteraction.TRANSACTION
        || i.getCode() == SystemRestfulInteraction.BATCH);
    for (CapabilityStatementRestResourceComponent resource : statement.getRestFirstRep().getResource()) {
      if (Set.of("CarePlan", "Goal").contains(resource.getType())) {
        resource.getInteraction().removeIf(i -> i.getCode() != TypeRestfulInteraction.READ
            && i.getCode() != TypeRestfulInteraction.SEARCHTYPE);
      }
    }
    URI base = serveModifiedEhr(FHIR.newJsonParser().encodeResourceToString(statement));

    int exitCode = check(withTenant(base, TenantConfig.ClientAuth.publicClient()), Optional.empty());

    assertThat(exitCode).as(text()).isZero();
    assertThat(text()).containsPattern("transaction +no")
        .containsPattern("CarePlan +\\(yes\\) +\\(yes\\) +MISSING")
        .containsPattern("fallback +transaction is not supported: each save is sent as individual conditional creates")
        .containsPattern("fallback +CarePlan create is not supported: the integration plan is saved as a document: "
            + "this EHR takes no care plans")
        .containsPattern("fallback +Goal create is not supported: each goal is not saved as a separate goal")
        .containsPattern("writes +individual conditional creates; integration plan as DocumentReference")
        .containsPattern("result +OK");
  }

  @Test
  void missingRequiredCapabilityFailsTheCheck() throws Exception {
    CapabilityStatement statement = sandboxStatement();
    statement.getRestFirstRep().getResource().removeIf(resource -> resource.getType().equals("Observation"));
    URI base = serveModifiedEhr(FHIR.newJsonParser().encodeResourceToString(statement));

    int exitCode = check(withTenant(base, TenantConfig.ClientAuth.publicClient()), Optional.empty());

    assertThat(exitCode).isEqualTo(1);
    assertThat(text()).containsPattern("Observation +- +MISSING +MISSING")
        .containsPattern("PROBLEM +Observation create is not supported")
        .containsPattern("result +FAILED");
  }

  @Test
  void unreachableEndpointFailsClearly() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI base = URI.create("http://127.0.0.1:" + closedPort + "/fhir");

    int exitCode = check(withTenant(base, TenantConfig.ClientAuth.publicClient()), Optional.empty());

    assertThat(exitCode).isEqualTo(1);
    assertThat(text()).contains("reachable      NO: http://127.0.0.1:" + closedPort
            + "/fhir/.well-known/smart-configuration: cannot connect to 127.0.0.1:" + closedPort)
        .contains("check the host, the port and the firewall")
        .containsPattern("result +FAILED");
  }

  @Test
  void unknownTenantIsNamed() {
    int exitCode = check(environment.app(TestEnvironment.JWT_CLIENT).config(), Optional.of("nope"));

    assertThat(exitCode).isEqualTo(2);
    assertThat(text()).contains("No tenant \"nope\" is configured. Configured tenants: [sandbox]");
  }

  /** An EHR cannot verify a private_key_jwt assertion whose keys it cannot fetch: check says so, naming the URL. */
  @Test
  void unreachableAppJwksIsAProblemForPrivateKeyJwt() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    EndpointCheck.JwksReach jwks = new EndpointCheck(FHIR).jwks(URI.create("http://127.0.0.1:" + closedPort + "/"));

    assertThat(jwks.ok()).isFalse();
    assertThat(jwks.text()).contains("http://127.0.0.1:" + closedPort + "/.well-known/jwks.json",
        "check publicBaseUrl", "every private_key_jwt sign-in fails");
  }

  private int check(AppConfig config, Optional<String> tenant) {
    return new CheckCommand(new EndpointCheck(FHIR), new ClientAuthenticationProbe(config.keysFile()),
        new PrintStream(output, true, StandardCharsets.UTF_8)).run(config, tenant);
  }

  private String text() {
    return output.toString(StandardCharsets.UTF_8);
  }

  private static AppConfig sandboxTenant(AppConfig config, String clientId, TenantConfig.ClientAuth auth) {
    TenantConfig sandbox = config.tenants().get(0);
    return config.withTenants(List.of(new TenantConfig(sandbox.id(), sandbox.displayName(), sandbox.fhirBaseUrl(),
        clientId, auth, Optional.empty(), List.of(), List.of())));
  }

  private AppConfig withTenant(URI base, TenantConfig.ClientAuth auth) {
    return environment.app(TestEnvironment.PUBLIC_CLIENT).config().withTenants(List.of(
        new TenantConfig("modified", "Modified EHR", base, "kap", auth, Optional.empty(), List.of(), List.of())));
  }

  private CapabilityStatement sandboxStatement() throws IOException, InterruptedException {
    return FHIR.newJsonParser().parseResource(CapabilityStatement.class,
        fetch(URI.create(environment.ehr().fhirBase() + "/metadata")));
  }

  /** A local EHR at {@code /fhir} answering with the sandbox's SMART configuration and {@code capabilityStatement}. */
  private URI serveModifiedEhr(String capabilityStatement) throws IOException, InterruptedException {
    String smartConfiguration = fetch(URI.create(environment.ehr().fhirBase() + "/.well-known/smart-configuration"));
    modifiedEhr = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    modifiedEhr.createContext("/fhir/.well-known/smart-configuration", exchange -> respond(exchange, smartConfiguration));
    modifiedEhr.createContext("/fhir/metadata", exchange -> respond(exchange, capabilityStatement));
    modifiedEhr.start();
    return URI.create("http://127.0.0.1:" + modifiedEhr.getAddress().getPort() + "/fhir");
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String fetch(URI url) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(url)
        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url.toString()).isEqualTo(200);
    return response.body();
  }
}
