package org.kapcompanion.launch;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.web.EhrHttp;

/**
 * Verifies id_tokens (SMART App Launch 2.x §2.8 "OpenID Connect"; OIDC Core §3.1.3.7): signature against the EHR's
 * JWKS (cached), issuer, audience = client id, expiry and nonce; then resolves the {@code fhirUser} claim.
 */
final class IdTokenVerifier {

  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

  /**
   * The EHR's JWKS and OpenID configuration are fetched with the app's EHR timeouts, not Nimbus' 500 ms defaults: a
   * busy EHR answering in 600 ms must not turn every sign-in into "could not confirm who you are".
   */
  private static final int CONNECT_TIMEOUT_MILLIS = (int) EhrHttp.CONNECT_TIMEOUT.toMillis();
  private static final int READ_TIMEOUT_MILLIS = (int) EhrHttp.ANSWER_TIMEOUT.toMillis();
  private static final int JWKS_SIZE_LIMIT = JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT;

  private final Map<String, IDTokenValidator> validators = new ConcurrentHashMap<>();

  /** Returns the verified {@code fhirUser}, relative to the FHIR base when it lives there. */
  Optional<String> verify(TenantConfig tenant, SmartConfiguration smart, String idToken, String nonce)
      throws LaunchException {
    try {
      JWT jwt = JWTParser.parse(idToken);
      IDTokenValidator validator = validators.computeIfAbsent(tenant.id() + " " + tenant.clientId(),
          key -> newValidator(tenant, smart, jwt));
      IDTokenClaimsSet claims = validator.validate(jwt, new Nonce(nonce));
      Object fhirUser = claims.getClaim("fhirUser");
      return fhirUser instanceof String user ? Optional.of(relativeTo(tenant.fhirBaseUrl(), user)) : Optional.empty();
    } catch (ParseException | BadJOSEException | JOSEException | IllegalStateException e) {
      throw new LaunchException(LaunchError.IDENTITY_INVALID, "id_token rejected: " + e.getClass().getSimpleName()
          + " " + e.getMessage());
    }
  }

  private IDTokenValidator newValidator(TenantConfig tenant, SmartConfiguration smart, JWT jwt) {
    try {
      Issuer issuer;
      URI jwksUri;
      if (smart.issuer().isPresent() && smart.jwksUri().isPresent()) {
        issuer = new Issuer(smart.issuer().get());
        jwksUri = smart.jwksUri().get();
      } else {
        OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(jwt.getJWTClaimsSet().getIssuer()),
            CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS);
        issuer = metadata.getIssuer();
        jwksUri = metadata.getJWKSetURI();
      }
      JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL(),
              new DefaultResourceRetriever(CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT))
          .retrying(true).build();
      return new IDTokenValidator(issuer, new ClientID(tenant.clientId()),
          new JWSVerificationKeySelector<>(ALGORITHMS, keys), null);
    } catch (GeneralException | IOException | ParseException e) {
      throw new IllegalStateException("no usable OpenID configuration: " + e.getClass().getSimpleName());
    }
  }

  /** {@code https://ehr/fhir/Practitioner/1} becomes {@code Practitioner/1} for the base {@code https://ehr/fhir}. */
  static String relativeTo(URI fhirBase, String reference) {
    String base = fhirBase.toString().endsWith("/") ? fhirBase.toString() : fhirBase + "/";
    return reference.startsWith(base) ? reference.substring(base.length()) : reference;
  }

}
