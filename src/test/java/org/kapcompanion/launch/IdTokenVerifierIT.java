package org.kapcompanion.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.TenantConfig;

class IdTokenVerifierIT {

  private static final String ISSUER = "https://ehr.example.org/auth";
  private static final URI FHIR_BASE = URI.create("https://ehr.example.org/fhir");
  /** Slower than Nimbus' 500 ms default read timeout, as a busy EHR can be. */
  private static final long SLOW_JWKS_MILLIS = 1_500;
  private static HttpServer jwksServer;
  private static RSAKey ehrKey;
  private static SmartConfiguration smart;

  @BeforeAll
  static void serveJwks() throws Exception {
    ehrKey = new RSAKeyGenerator(2048).keyID("ehr-1").generate();
    byte[] jwks = new JWKSet(ehrKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwksServer.createContext("/jwks", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, jwks.length);
      exchange.getResponseBody().write(jwks);
      exchange.close();
    });
    jwksServer.createContext("/slow-jwks", exchange -> {
      try {
        Thread.sleep(SLOW_JWKS_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, jwks.length);
      exchange.getResponseBody().write(jwks);
      exchange.close();
    });
    jwksServer.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    jwksServer.start();
    smart = new SmartConfiguration(Optional.of(URI.create(ISSUER)),
        Optional.of(URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks")),
        URI.create(ISSUER + "/authorize"), URI.create(ISSUER + "/token"), Set.of(), Set.of("S256"), Set.of(), Set.of());
  }

  @AfterAll
  static void stop() {
    jwksServer.stop(0);
  }

  private static TenantConfig tenant() {
    return new TenantConfig("ehr", "EHR", FHIR_BASE, "kap-app", TenantConfig.ClientAuth.publicClient(),
        Optional.empty(), List.of(), List.of());
  }

  private static String idToken(RSAKey key, String audience, String nonce, Date expires) throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("u1").audience(audience)
        .issueTime(new Date()).expirationTime(expires).claim("nonce", nonce)
        .claim("fhirUser", FHIR_BASE + "/Practitioner/t-1").build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static Date inAnHour() {
    return new Date(System.currentTimeMillis() + 3_600_000);
  }

  @Test
  void validIdTokenYieldsTheFhirUserRelativeToTheBase() throws Exception {
    Optional<String> user = new IdTokenVerifier().verify(tenant(), smart, idToken(ehrKey, "kap-app", "n1", inAnHour()),
        "n1");
    assertThat(user).contains("Practitioner/t-1");
  }

  @Test
  void anEhrSlowToServeItsKeysStillConfirmsWhoSignedIn() throws Exception {
    SmartConfiguration slowKeys = new SmartConfiguration(smart.issuer(),
        Optional.of(URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/slow-jwks")),
        smart.authorizationEndpoint(), smart.tokenEndpoint(), Set.of(), Set.of("S256"), Set.of(), Set.of());

    Optional<String> user = new IdTokenVerifier().verify(tenant(), slowKeys,
        idToken(ehrKey, "kap-app", "n1", inAnHour()), "n1");

    assertThat(user).contains("Practitioner/t-1");
  }

  @Test
  void idTokenWithAnotherNonceIsRejected() {
    assertThatThrownBy(() -> new IdTokenVerifier().verify(tenant(), smart,
        idToken(ehrKey, "kap-app", "n1", inAnHour()), "n2"))
        .isInstanceOfSatisfying(LaunchException.class, e -> assertThat(e.error()).isEqualTo(LaunchError.IDENTITY_INVALID));
  }

  @Test
  void idTokenForAnotherClientIsRejected() {
    assertThatThrownBy(() -> new IdTokenVerifier().verify(tenant(), smart,
        idToken(ehrKey, "someone-else", "n1", inAnHour()), "n1")).isInstanceOf(LaunchException.class);
  }

  @Test
  void expiredIdTokenIsRejected() {
    Date anHourAgo = new Date(System.currentTimeMillis() - 3_600_000);
    assertThatThrownBy(() -> new IdTokenVerifier().verify(tenant(), smart,
        idToken(ehrKey, "kap-app", "n1", anHourAgo), "n1")).isInstanceOf(LaunchException.class);
  }

  @Test
  void idTokenSignedByAnotherKeyIsRejected() throws Exception {
    RSAKey forger = new RSAKeyGenerator(2048).keyID("ehr-1").generate();
    assertThatThrownBy(() -> new IdTokenVerifier().verify(tenant(), smart,
        idToken(forger, "kap-app", "n1", inAnHour()), "n1")).isInstanceOf(LaunchException.class);
  }

  @Test
  void garbageIsRejected() {
    assertThatThrownBy(() -> new IdTokenVerifier().verify(tenant(), smart, "not.a.jwt", "n1"))
        .isInstanceOf(LaunchException.class);
  }

  @Test
  void fhirUserFromAnotherServerStaysAbsolute() {
    assertThat(IdTokenVerifier.relativeTo(FHIR_BASE, "https://idp.example.org/Practitioner/9"))
        .isEqualTo("https://idp.example.org/Practitioner/9");
    assertThat(IdTokenVerifier.relativeTo(FHIR_BASE, "Practitioner/9")).isEqualTo("Practitioner/9");
  }
}
