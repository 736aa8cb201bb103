package org.kapcompanion.sandbox;

import com.nimbusds.jose.JOSEObjectType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kapcompanion.sandbox.AuthorizationCodeFlowIT.assertOAuthError;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kapcompanion.sandbox.SmartHttp.Pkce;

@ExtendWith(SandboxExtension.class)
class PrivateKeyJwtIT {

  private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  @Test
  void tokenAcceptsRs384ClientAssertionFromPublishedKey(SmartHttp http) throws Exception {
    Map<String, String> exchange = exchangeWithAssertion(http, assertion(http, http.ehr.clientKey, JWSAlgorithm.RS384));

    assertThat(http.token(exchange).statusCode()).isEqualTo(200);
  }

  @Test
  void tokenRejectsAssertionSignedWithAnUnpublishedKey(SmartHttp http) throws Exception {
    RSAKey stranger = TestEhr.newRs384Key();
    Map<String, String> exchange =
        exchangeWithAssertion(http, assertion(http, new RSAKey.Builder(stranger).keyID(http.ehr.clientKey.getKeyID()).build(), JWSAlgorithm.RS384));

    assertOAuthError(http.token(exchange), 401, "invalid_client");
  }

  @Test
  void tokenRejectsReplayedAssertion(SmartHttp http) throws Exception {
    String assertion = assertion(http, http.ehr.clientKey, JWSAlgorithm.RS384);

    assertThat(http.token(exchangeWithAssertion(http, assertion)).statusCode()).isEqualTo(200);
    assertOAuthError(http.token(exchangeWithAssertion(http, assertion)), 401, "invalid_client");
  }

  @Test
  void tokenRejectsAssertionWithoutTypJwt(SmartHttp http) throws Exception {
    String untyped = assertion(http.ehr.clientKey, JWSAlgorithm.RS384, null, List.of(http.ehr.origin() + "/auth/token"));

    assertOAuthError(http.token(exchangeWithAssertion(http, untyped)), 401, "invalid_client");
  }

  @Test
  void tokenRejectsAssertionWithASecondAudience(SmartHttp http) throws Exception {
    String twoAudiences = assertion(http.ehr.clientKey, JWSAlgorithm.RS384, JOSEObjectType.JWT,
        List.of(http.ehr.origin() + "/auth/token", http.ehr.fhirBase().toString()));

    assertOAuthError(http.token(exchangeWithAssertion(http, twoAudiences)), 401, "invalid_client");
  }

  @Test
  void tokenRejectsAssertionSignedWithRs256(SmartHttp http) throws Exception {
    RSAKey rs256 = new RSAKey.Builder(http.ehr.clientKey).algorithm(JWSAlgorithm.RS256).build();

    assertOAuthError(
        http.token(exchangeWithAssertion(http, assertion(http, rs256, JWSAlgorithm.RS256))), 401, "invalid_client");
  }

  @Test
  void tokenRejectsPrivateKeyJwtClientWithoutAssertion(SmartHttp http) throws Exception {
    Map<String, String> exchange = exchangeWithAssertion(http, "unused");
    exchange.put("client_id", TestEhr.JWT_CLIENT);
    exchange.remove("client_assertion");
    exchange.remove("client_assertion_type");

    assertOAuthError(http.token(exchange), 401, "invalid_client");
  }

  private static Map<String, String> exchangeWithAssertion(SmartHttp http, String assertion) {
    String launch = http.ehrLaunch(TestEhr.JWT_CLIENT, TestEhr.ALEX, null, Map.of());
    Pkce pkce = Pkce.create();
    String code =
        http.authorizeRedirect(http.authorizeParams(TestEhr.JWT_CLIENT, "launch patient/*.rs", launch, pkce))
            .get("code");
    Map<String, String> exchange = http.codeExchange(code, pkce, TestEhr.JWT_CLIENT);
    exchange.remove("client_id");
    exchange.put("client_assertion_type", ASSERTION_TYPE);
    exchange.put("client_assertion", assertion);
    return exchange;
  }

  private static String assertion(SmartHttp http, RSAKey key, JWSAlgorithm algorithm) throws JOSEException {
    return assertion(key, algorithm, JOSEObjectType.JWT, List.of(http.ehr.origin() + "/auth/token"));
  }

  private static String assertion(RSAKey key, JWSAlgorithm algorithm, JOSEObjectType type, List<String> audience)
      throws JOSEException {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(TestEhr.JWT_CLIENT)
            .subject(TestEhr.JWT_CLIENT)
            .audience(audience)
            .jwtID(UUID.randomUUID().toString())
            .expirationTime(Date.from(now.plusSeconds(240)))
            .issueTime(Date.from(now))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(type).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
