package org.kapcompanion.launch;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.kapcompanion.admin.RequestCost;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.web.EhrHttp;

/**
 * Calls an EHR's token endpoint with the tenant's client authentication (none, client secret, or
 * {@code private_key_jwt} — SMART App Launch 2.x §2.1.3, §5) and returns the successful response or a typed failure.
 */
final class TokenClient {

  private static final int TIMEOUT_MILLIS = (int) EhrHttp.ANSWER_TIMEOUT.toMillis();

  private final AppKeys keys;

  TokenClient(AppKeys keys) {
    this.keys = keys;
  }

  /** A token endpoint's answer: success, a protocol error (e.g. invalid_grant), or no usable answer. */
  sealed interface Result {
    record Success(AccessTokenResponse response, Map<String, Object> parameters) implements Result {}

    record Rejected(String error, int status) implements Result {}

    record Unavailable(String detail) implements Result {}
  }

  Result request(TenantConfig tenant, URI tokenEndpoint, AuthorizationGrant grant) {
    return request(tenant, tokenEndpoint, grant, null);
  }

  /** The same, asking for {@code scope} (none when null). */
  Result request(TenantConfig tenant, URI tokenEndpoint, AuthorizationGrant grant, Scope scope) {
    try {
      TokenRequest request = authentication(tenant, tokenEndpoint)
          .map(auth -> new TokenRequest(tokenEndpoint, auth, grant, scope))
          .orElseGet(() -> new TokenRequest(tokenEndpoint, new ClientID(tenant.clientId()), grant, scope));
      HTTPRequest http = request.toHTTPRequest();
      http.setConnectTimeout(TIMEOUT_MILLIS);
      http.setReadTimeout(TIMEOUT_MILLIS);
      HTTPResponse response = RequestCost.timed(http::send);
      if (response.getStatusCode() >= 500) {
        return new Result.Unavailable("token endpoint answered " + response.getStatusCode());
      }
      TokenResponse parsed = TokenResponse.parse(response);
      if (parsed instanceof TokenErrorResponse error) {
        ErrorObject object = error.getErrorObject();
        return new Result.Rejected(object.getCode() == null ? "unknown" : object.getCode(), response.getStatusCode());
      }
      AccessTokenResponse success = parsed.toSuccessResponse();
      return new Result.Success(success, success.getCustomParameters());
    } catch (IOException e) {
      return new Result.Unavailable("token endpoint unreachable: " + e.getClass().getSimpleName());
    } catch (ParseException e) {
      return new Result.Unavailable("token response not understood");
    } catch (JOSEException e) {
      return new Result.Unavailable("client assertion could not be signed");
    }
  }

  private Optional<ClientAuthentication> authentication(TenantConfig tenant, URI tokenEndpoint)
      throws JOSEException {
    ClientID clientId = new ClientID(tenant.clientId());
    TenantConfig.ClientAuth auth = tenant.clientAuth();
    return switch (auth.method()) {
      case NONE -> Optional.empty();
      case CLIENT_SECRET_BASIC -> Optional.of(new ClientSecretBasic(clientId, new Secret(auth.secret().orElseThrow())));
      case CLIENT_SECRET_POST -> Optional.of(new ClientSecretPost(clientId, new Secret(auth.secret().orElseThrow())));
      case PRIVATE_KEY_JWT -> Optional.of(privateKeyJwt(clientId, tokenEndpoint,
          JWSAlgorithm.parse(auth.algorithm().orElse("RS384"))));
    };
  }

  /**
   * A client assertion with the JOSE header SMART App Launch 2.x §Client Authentication: Asymmetric requires
   * ({@code alg}, {@code kid} and {@code typ: "JWT"}; Nimbus' convenience constructors leave {@code typ} out) and the
   * RFC 7523 claims: iss = sub = client id, one aud (the token endpoint), a fresh jti, exp five minutes ahead.
   */
  private ClientAuthentication privateKeyJwt(ClientID clientId, URI tokenEndpoint, JWSAlgorithm algorithm)
      throws JOSEException {
    JWK key = keys.signingKey(algorithm)
        .orElseThrow(() -> new JOSEException("no " + algorithm + " signing key; run `keys new`"));
    JWSHeader header = new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
    JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(clientId, new Audience(tokenEndpoint));
    SignedJWT assertion = new SignedJWT(header, claims.toJWTClaimsSet());
    assertion.sign(key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner(key.toRSAKey()));
    return new PrivateKeyJWT(assertion);
  }
}
