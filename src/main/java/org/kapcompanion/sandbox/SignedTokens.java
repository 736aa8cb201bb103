package org.kapcompanion.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks the sandbox's signed tokens: JWT access tokens that the FHIR server accepts, and OpenID Connect
 * id_tokens. Revoked access tokens are remembered until they would have expired anyway.
 */
final class SignedTokens {

  private final RSAKey key;
  private final SandboxUrls urls;
  private final Duration accessTokenLifetime;
  private final Clock clock;
  private final JWSVerifier verifier;
  private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

  SignedTokens(RSAKey key, SandboxUrls urls, Duration accessTokenLifetime, Clock clock) throws JOSEException {
    this.key = key;
    this.urls = urls;
    this.accessTokenLifetime = accessTokenLifetime;
    this.clock = clock;
    this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
  }

  /** A signed token and when it expires. */
  record Issued(String value, Instant expires) {}

  /**
   * The claims of a valid access token.
   *
   * @param jti the token id, used for revocation
   * @param patient the patient in context, or {@code null}
   * @param encounter the encounter in context, or {@code null}
   */
  record AccessClaims(
      String jti,
      String clientId,
      String subject,
      List<String> scopes,
      String patient,
      String encounter,
      String fhirUser,
      Instant issuedAt,
      Instant expires) {}

  JWKSet publicKeys() {
    return new JWKSet(key.toPublicJWK());
  }

  Duration accessTokenLifetime() {
    return accessTokenLifetime;
  }

  Issued accessToken(Grant grant) {
    Instant now = clock.instant();
    Instant expires = now.plus(accessTokenLifetime);
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(urls.issuer().toString())
            .subject(grant.practitionerId())
            .audience(urls.fhirBase().toString())
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .claim("client_id", grant.clientId())
            .claim("scope", String.join(" ", grant.scopes()))
            .claim("fhirUser", fhirUser(grant));
    if (grant.patientId() != null) {
      claims.claim("patient", grant.patientId());
    }
    if (grant.encounterId() != null) {
      claims.claim("encounter", grant.encounterId());
    }
    return new Issued(sign(claims.build()), expires);
  }

  /** An OpenID Connect id_token for the practitioner, with {@code fhirUser} as an absolute URL when granted. */
  String idToken(Grant grant) {
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(urls.issuer().toString())
            .subject(grant.practitionerId())
            .audience(grant.clientId())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(accessTokenLifetime)))
            .claim("auth_time", grant.authTime().getEpochSecond());
    if (grant.has("fhirUser")) {
      claims.claim("fhirUser", fhirUser(grant));
    }
    if (grant.nonce() != null) {
      claims.claim("nonce", grant.nonce());
    }
    return sign(claims.build());
  }

  /** The claims of an access token this sandbox issued for its FHIR server, if it is valid now. */
  Optional<AccessClaims> verifyAccessToken(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Instant now = clock.instant();
      boolean valid =
          urls.issuer().toString().equals(claims.getIssuer())
              && claims.getAudience().contains(urls.fhirBase().toString())
              && claims.getExpirationTime() != null
              && claims.getExpirationTime().toInstant().isAfter(now)
              && claims.getJWTID() != null
              && !revoked.containsKey(claims.getJWTID());
      return valid ? Optional.of(toAccessClaims(claims)) : Optional.empty();
    } catch (ParseException | JOSEException | ClassCastException e) {
      return Optional.empty();
    }
  }

  void revoke(AccessClaims claims) {
    Instant now = clock.instant();
    revoked.values().removeIf(expires -> expires.isBefore(now));
    revoked.put(claims.jti(), claims.expires());
  }

  private String fhirUser(Grant grant) {
    return urls.resource("Practitioner", grant.practitionerId()).toString();
  }

  private String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign a token", e);
    }
  }

  private static AccessClaims toAccessClaims(JWTClaimsSet claims) throws ParseException {
    String scope = claims.getStringClaim("scope");
    return new AccessClaims(
        claims.getJWTID(),
        claims.getStringClaim("client_id"),
        claims.getSubject(),
        scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+")),
        claims.getStringClaim("patient"),
        claims.getStringClaim("encounter"),
        claims.getStringClaim("fhirUser"),
        claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant(),
        claims.getExpirationTime().toInstant());
  }
}
