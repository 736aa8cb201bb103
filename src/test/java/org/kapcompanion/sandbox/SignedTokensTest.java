package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedTokensTest {

  private static final SandboxUrls URLS = SandboxUrls.of("127.0.0.1", 8999);
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final Grant GRANT =
      new Grant("app", List.of("launch", "patient/*.rs"), "therapist", "alex", null, null, NOW);

  private final RSAKey key = newKey();

  @Test
  void accessTokenIsValidUntilItExpires() throws Exception {
    String token = tokens(NOW).accessToken(GRANT).value();

    assertThat(tokens(NOW.plusSeconds(3599)).verifyAccessToken(token)).isPresent();
    assertThat(tokens(NOW.plusSeconds(3601)).verifyAccessToken(token)).isEmpty();
  }

  @Test
  void accessTokenCarriesScopeAndContext() throws Exception {
    SignedTokens.AccessClaims claims =
        tokens(NOW).verifyAccessToken(tokens(NOW).accessToken(GRANT).value()).orElseThrow();

    assertThat(claims.scopes()).containsExactly("launch", "patient/*.rs");
    assertThat(claims.patient()).isEqualTo("alex");
    assertThat(claims.clientId()).isEqualTo("app");
    assertThat(claims.fhirUser()).isEqualTo("http://127.0.0.1:8999/fhir/Practitioner/therapist");
  }

  @Test
  void tokenFromAnotherKeyOrServerIsRejected() throws Exception {
    String foreign = new SignedTokens(newKey(), URLS, Duration.ofHours(1), clock(NOW)).accessToken(GRANT).value();
    String otherServer =
        new SignedTokens(key, SandboxUrls.of("127.0.0.1", 9000), Duration.ofHours(1), clock(NOW))
            .accessToken(GRANT)
            .value();

    assertThat(tokens(NOW).verifyAccessToken(foreign)).isEmpty();
    assertThat(tokens(NOW).verifyAccessToken(otherServer)).isEmpty();
    assertThat(tokens(NOW).verifyAccessToken("not a token")).isEmpty();
  }

  @Test
  void revokedTokenIsRejected() throws Exception {
    SignedTokens tokens = tokens(NOW);
    String token = tokens.accessToken(GRANT).value();

    tokens.revoke(tokens.verifyAccessToken(token).orElseThrow());

    assertThat(tokens.verifyAccessToken(token)).isEmpty();
  }

  private SignedTokens tokens(Instant now) throws Exception {
    return new SignedTokens(key, URLS, Duration.ofHours(1), clock(now));
  }

  private static Clock clock(Instant now) {
    return Clock.fixed(now, ZoneOffset.UTC);
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048).algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint(true).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
