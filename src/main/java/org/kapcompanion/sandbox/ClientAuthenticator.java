package org.kapcompanion.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientAuthenticationVerifier;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientCredentialsSelector;
import com.nimbusds.oauth2.sdk.auth.verifier.Context;
import com.nimbusds.oauth2.sdk.auth.verifier.ExpendedJTIChecker;
import com.nimbusds.oauth2.sdk.auth.verifier.InvalidClientException;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kapcompanion.config.EmbeddedEhr.RegisteredClient;

/**
 * Authenticates clients at the token, introspection and revocation endpoints by their registered method: none,
 * client_secret_basic, client_secret_post, or private_key_jwt signed with RS384/ES384 and checked against the
 * client's JWKS URL (SMART App Launch 2.x §Client Authentication: Asymmetric; RFC 7523).
 */
final class ClientAuthenticator {

  static final Set<JWSAlgorithm> ASSERTION_ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);
  private static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
  private static final int JWKS_TIMEOUT_MS = 5_000;
  private static final int JWKS_SIZE_LIMIT = 256 * 1024;

  private final Map<String, RegisteredClient> clients;
  private final ClientAuthenticationVerifier<RegisteredClient> verifier;
  private final Map<String, Instant> usedAssertionIds = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Audience tokenEndpoint;

  ClientAuthenticator(Map<String, RegisteredClient> clients, SandboxUrls urls, Clock clock) {
    this.clients = clients;
    this.clock = clock;
    this.tokenEndpoint = new Audience(urls.token());
    this.verifier =
        new ClientAuthenticationVerifier<>(
            new Credentials(), Set.of(new Audience(urls.token())), new AssertionReplayCheck());
  }

  /** Who the client is, or why it is not authenticated. */
  sealed interface Result permits Authenticated, Rejected {}

  record Authenticated(RegisteredClient client) implements Result {}

  record Rejected(String reason) implements Result {}

  /**
   * Authenticates a request that carried {@code authentication}, or for a public client only its {@code client_id}.
   */
  Result authenticate(ClientAuthentication authentication, ClientID publicClientId) {
    if (authentication == null) {
      return authenticatePublic(publicClientId);
    }
    RegisteredClient client = clients.get(authentication.getClientID().getValue());
    if (client == null) {
      return new Rejected("unknown client");
    }
    if (authentication instanceof PrivateKeyJWT jwt) {
      Optional<String> malformed = malformedAssertion(jwt);
      if (malformed.isPresent()) {
        return new Rejected(malformed.get());
      }
    }
    try {
      Context<RegisteredClient> context = new Context<>();
      context.set(client);
      verifier.verify(authentication, null, context);
    } catch (InvalidClientException e) {
      return new Rejected(e.getMessage());
    } catch (JOSEException e) {
      return new Rejected("client assertion cannot be verified");
    }
    if (authentication instanceof PrivateKeyJWT jwt && !shortLived(jwt)) {
      return new Rejected("client assertion must expire within five minutes");
    }
    return new Authenticated(client);
  }

  private Result authenticatePublic(ClientID clientId) {
    if (clientId == null) {
      return new Rejected("client authentication missing");
    }
    RegisteredClient client = clients.get(clientId.getValue());
    if (client == null) {
      return new Rejected("unknown client");
    }
    if (!ClientAuthenticationMethod.NONE.getValue().equals(client.authMethod())) {
      return new Rejected("this client must authenticate with " + client.authMethod());
    }
    return new Authenticated(client);
  }

  /**
   * The header and audience rules of SMART App Launch 2.x §Client Authentication: Asymmetric ("typ": "JWT", and
   * exactly one "aud", the token endpoint), checked before the signature so a refused assertion spends no jti.
   */
  private Optional<String> malformedAssertion(PrivateKeyJWT jwt) {
    if (!JOSEObjectType.JWT.equals(jwt.getClientAssertion().getHeader().getType())) {
      return Optional.of("client assertion header must have typ JWT");
    }
    List<Audience> audience = jwt.getJWTAuthenticationClaimsSet().getAudience();
    if (audience == null || audience.size() != 1 || !audience.get(0).equals(tokenEndpoint)) {
      return Optional.of("client assertion must have exactly one aud, the token endpoint");
    }
    return Optional.empty();
  }

  private boolean shortLived(PrivateKeyJWT jwt) {
    Date exp = jwt.getJWTAuthenticationClaimsSet().getExpirationTime();
    return exp != null && exp.toInstant().isBefore(clock.instant().plus(MAX_ASSERTION_LIFETIME).plus(CLOCK_SKEW));
  }

  private static void requireMethod(RegisteredClient client, ClientAuthenticationMethod method)
      throws InvalidClientException {
    if (client == null || !method.getValue().equals(client.authMethod())) {
      throw new InvalidClientException("client is not registered for " + method.getValue());
    }
  }

  /** Finds the registered secret or the client's published public keys. */
  private final class Credentials implements ClientCredentialsSelector<RegisteredClient> {

    @Override
    public List<Secret> selectClientSecrets(
        ClientID clientId, ClientAuthenticationMethod method, Context<RegisteredClient> context)
        throws InvalidClientException {
      RegisteredClient client = context.get();
      requireMethod(client, method);
      if (client.secret() == null || client.secret().isEmpty()) {
        throw new InvalidClientException("client has no secret");
      }
      return List.of(new Secret(client.secret()));
    }

    @Override
    public List<? extends PublicKey> selectPublicKeys(
        ClientID clientId,
        ClientAuthenticationMethod method,
        JWSHeader header,
        boolean forceRefresh,
        Context<RegisteredClient> context)
        throws InvalidClientException {
      RegisteredClient client = context.get();
      requireMethod(client, ClientAuthenticationMethod.PRIVATE_KEY_JWT);
      if (!method.equals(ClientAuthenticationMethod.PRIVATE_KEY_JWT)) {
        throw new InvalidClientException("client must use private_key_jwt");
      }
      if (!ASSERTION_ALGORITHMS.contains(header.getAlgorithm())) {
        throw new InvalidClientException("client assertion must be signed with RS384 or ES384");
      }
      if (client.jwksUri() == null) {
        throw new InvalidClientException("client has no JWKS URL");
      }
      return publicKeys(client, header);
    }

    private List<PublicKey> publicKeys(RegisteredClient client, JWSHeader header) throws InvalidClientException {
      try {
        JWKSet published = JWKSet.load(client.jwksUri().toURL(), JWKS_TIMEOUT_MS, JWKS_TIMEOUT_MS, JWKS_SIZE_LIMIT);
        List<PublicKey> keys = new ArrayList<>();
        for (JWK jwk : new JWKSelector(JWKMatcher.forJWSHeader(header)).select(published)) {
          if (jwk instanceof AsymmetricJWK asymmetric) {
            keys.add(asymmetric.toPublicKey());
          }
        }
        return keys;
      } catch (IOException | java.text.ParseException | JOSEException e) {
        throw new InvalidClientException("client keys cannot be fetched");
      }
    }
  }

  /** Remembers client assertion ids until they expire, so an assertion cannot be replayed (RFC 7523 §3). */
  private final class AssertionReplayCheck implements ExpendedJTIChecker<RegisteredClient> {

    @Override
    public boolean isExpended(
        JWTID jti, ClientID clientId, ClientAuthenticationMethod method, Context<RegisteredClient> context) {
      return usedAssertionIds.containsKey(clientId.getValue() + " " + jti.getValue());
    }

    @Override
    public void markExpended(
        JWTID jti,
        Date exp,
        ClientID clientId,
        ClientAuthenticationMethod method,
        Context<RegisteredClient> context) {
      Instant now = clock.instant();
      usedAssertionIds.values().removeIf(expires -> expires.isBefore(now.minus(CLOCK_SKEW)));
      Instant expires = Optional.ofNullable(exp).map(Date::toInstant).orElse(now.plus(MAX_ASSERTION_LIFETIME));
      usedAssertionIds.put(clientId.getValue() + " " + jti.getValue(), expires);
    }
  }
}
