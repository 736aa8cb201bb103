package org.kapcompanion.sandbox;

import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kapcompanion.config.EmbeddedEhr.RegisteredClient;
import org.kapcompanion.sandbox.AuthorizeFlow.IssuedCode;
import org.kapcompanion.sandbox.ClientAuthenticator.Authenticated;
import org.kapcompanion.sandbox.ClientAuthenticator.Rejected;
import org.kapcompanion.sandbox.SignedTokens.AccessClaims;

/**
 * The token, introspection and revocation endpoints (RFC 6749 §4.1.3 and §6, RFC 7636 §4.6, RFC 7662, RFC 7009),
 * answering with SMART launch context (SMART App Launch 2.x §Obtain access token) and an id_token for openid.
 */
final class TokenEndpoint {

  private final ClientAuthenticator authenticator;
  private final ExpiringStore<IssuedCode> codes;
  private final RefreshTokens refreshTokens;
  private final SignedTokens tokens;
  private final SandboxUrls urls;

  TokenEndpoint(
      ClientAuthenticator authenticator,
      ExpiringStore<IssuedCode> codes,
      RefreshTokens refreshTokens,
      SignedTokens tokens,
      SandboxUrls urls) {
    this.authenticator = authenticator;
    this.codes = codes;
    this.refreshTokens = refreshTokens;
    this.tokens = tokens;
    this.urls = urls;
  }

  /** An OAuth error to answer with. */
  private static final class OAuthException extends Exception {
    private final ErrorObject error;

    OAuthException(ErrorObject error) {
      super(error.getDescription(), null, false, false);
      this.error = error;
    }
  }

  HTTPResponse token(HTTPRequest httpRequest) {
    return answer(() -> {
      TokenRequest request = TokenRequest.parse(httpRequest);
      RegisteredClient client = authenticate(request.getClientAuthentication(), request.getClientID());
      AuthorizationGrant grant = request.getAuthorizationGrant();
      if (grant instanceof AuthorizationCodeGrant codeGrant) {
        return respond(exchangeCode(codeGrant, client), null, true);
      }
      if (grant instanceof RefreshTokenGrant refreshGrant) {
        return refresh(refreshGrant.getRefreshToken().getValue(), client, request.getScope());
      }
      throw new OAuthException(OAuth2Error.UNSUPPORTED_GRANT_TYPE);
    });
  }

  HTTPResponse introspect(HTTPRequest httpRequest) {
    return answer(() -> {
      TokenIntrospectionRequest request = TokenIntrospectionRequest.parse(httpRequest);
      if (request.getClientAuthorization() != null) {
        tokens
            .verifyAccessToken(request.getClientAuthorization().getValue())
            .orElseThrow(() -> new OAuthException(OAuth2Error.INVALID_CLIENT));
      } else {
        authenticate(request.getClientAuthentication(), null);
      }
      return introspection(request.getToken().getValue()).toHTTPResponse();
    });
  }

  HTTPResponse revoke(HTTPRequest httpRequest) {
    return answer(() -> {
      TokenRevocationRequest request = TokenRevocationRequest.parse(httpRequest);
      RegisteredClient client = authenticate(request.getClientAuthentication(), request.getClientID());
      String token = request.getToken().getValue();
      refreshTokens.revoke(token, client.clientId());
      tokens
          .verifyAccessToken(token)
          .filter(claims -> client.clientId().equals(claims.clientId()))
          .ifPresent(tokens::revoke);
      // RFC 7009 §2.2: unknown or foreign tokens are answered like revoked ones.
      return new HTTPResponse(HTTPResponse.SC_OK);
    });
  }

  /** What {@code endpoint} answers, or the OAuth error of a request it cannot parse or refuses. */
  private static HTTPResponse answer(Endpoint endpoint) {
    try {
      return endpoint.answer();
    } catch (ParseException e) {
      return error(e.getErrorObject() == null ? OAuth2Error.INVALID_REQUEST : e.getErrorObject());
    } catch (OAuthException e) {
      return error(e.error);
    }
  }

  /** One endpoint's work on a request. */
  private interface Endpoint {
    HTTPResponse answer() throws ParseException, OAuthException;
  }

  private RegisteredClient authenticate(
      ClientAuthentication authentication, ClientID clientId) throws OAuthException {
    ClientAuthenticator.Result result = authenticator.authenticate(authentication, clientId);
    if (result instanceof Authenticated authenticated) {
      return authenticated.client();
    }
    throw new OAuthException(OAuth2Error.INVALID_CLIENT.setDescription(((Rejected) result).reason()));
  }

  private Grant exchangeCode(AuthorizationCodeGrant grant, RegisteredClient client) throws OAuthException {
    IssuedCode code =
        codes
            .take(grant.getAuthorizationCode().getValue())
            .orElseThrow(() -> invalidGrant("unknown, expired or already used code"));
    if (!code.grant().clientId().equals(client.clientId())) {
      throw invalidGrant("code was issued to another client");
    }
    if (!code.redirectUri().equals(grant.getRedirectionURI())) {
      throw invalidGrant("redirect_uri differs from the authorization request");
    }
    CodeVerifier verifier = grant.getCodeVerifier();
    if (verifier == null
        || !CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue().equals(code.codeChallenge())) {
      throw invalidGrant("code_verifier does not match the code_challenge");
    }
    return code.grant();
  }

  /**
   * Refresh-token rotation (OAuth 2.0 Security BCP §4.14.2): the presented refresh token is used up and the answer
   * carries a new one for the same grant, so a stolen or replayed refresh token is refused.
   */
  private HTTPResponse refresh(String refreshToken, RegisteredClient client, Scope requested) throws OAuthException {
    RefreshTokens.Held held = refreshTokens.held(refreshToken, client.clientId())
        .orElseThrow(() -> invalidGrant("unknown, expired, used or revoked refresh token"));
    Grant narrowed = narrowed(held.grant(), requested);
    return respond(narrowed, held.rotate(), false);
  }

  private static Grant narrowed(Grant grant, Scope requested) throws OAuthException {
    if (requested == null) {
      return grant;
    }
    List<String> narrowed = requested.toStringList();
    if (!grant.scopes().containsAll(narrowed)) {
      throw new OAuthException(OAuth2Error.INVALID_SCOPE.setDescription("scope exceeds the original grant"));
    }
    return grant.withScopes(narrowed);
  }

  /**
   * Answers with an access token; a new grant gets a refresh token for offline/online access and an id_token for
   * openid, a refresh answers with the refresh token that replaces the one it used.
   */
  private HTTPResponse respond(Grant grant, String existingRefreshToken, boolean newGrant) {
    SignedTokens.Issued access = tokens.accessToken(grant);
    BearerAccessToken accessToken =
        new BearerAccessToken(
            access.value(), tokens.accessTokenLifetime().toSeconds(), new Scope(grant.scopes().toArray(String[]::new)));
    String refresh = newGrant ? refreshTokens.issue(grant) : existingRefreshToken;
    RefreshToken refreshToken = refresh == null ? null : new RefreshToken(refresh);
    Map<String, Object> context = launchContext(grant);
    if (newGrant && grant.has("openid")) {
      try {
        OIDCTokens oidc = new OIDCTokens(JWTParser.parse(tokens.idToken(grant)), accessToken, refreshToken);
        return new OIDCTokenResponse(oidc, context).toHTTPResponse();
      } catch (java.text.ParseException e) {
        throw new IllegalStateException("Cannot read the id_token just signed", e);
      }
    }
    return new AccessTokenResponse(new Tokens(accessToken, refreshToken), context).toHTTPResponse();
  }

  /** SMART launch context parameters of the token response. */
  private Map<String, Object> launchContext(Grant grant) {
    Map<String, Object> context = new LinkedHashMap<>();
    if (grant.patientId() != null) {
      context.put("patient", grant.patientId());
    }
    if (grant.encounterId() != null) {
      context.put("encounter", grant.encounterId());
    }
    IssuedLaunchContext launch = grant.launch();
    context.put("need_patient_banner", launch == null || launch.needPatientBanner());
    context.put("smart_style_url", urls.smartStyle().toString());
    if (launch != null && launch.intent() != null) {
      context.put("intent", launch.intent());
    }
    if (launch != null && !launch.fhirContext().isEmpty()) {
      context.put(
          "fhirContext",
          launch.legacyFhirContext()
              ? launch.fhirContext()
              : launch.fhirContext().stream().map(r -> Map.of("reference", r)).toList());
    }
    return context;
  }

  private TokenIntrospectionSuccessResponse introspection(String token) {
    Optional<AccessClaims> access = tokens.verifyAccessToken(token);
    if (access.isPresent()) {
      AccessClaims claims = access.get();
      TokenIntrospectionSuccessResponse.Builder builder =
          new TokenIntrospectionSuccessResponse.Builder(true)
              .tokenType(AccessTokenType.BEARER)
              .scope(new Scope(claims.scopes().toArray(String[]::new)))
              .clientID(new ClientID(claims.clientId()))
              .subject(new Subject(claims.subject()))
              .issuer(new Issuer(urls.issuer()))
              .audience(List.of(new Audience(urls.fhirBase())))
              .expirationTime(Date.from(claims.expires()))
              .parameter("fhirUser", claims.fhirUser());
      if (claims.issuedAt() != null) {
        builder.issueTime(Date.from(claims.issuedAt()));
      }
      if (claims.patient() != null) {
        builder.parameter("patient", claims.patient());
      }
      if (claims.encounter() != null) {
        builder.parameter("encounter", claims.encounter());
      }
      return builder.build();
    }
    return refreshTokens
        .grant(token)
        .map(
            grant ->
                new TokenIntrospectionSuccessResponse.Builder(true)
                    .scope(new Scope(grant.scopes().toArray(String[]::new)))
                    .clientID(new ClientID(grant.clientId()))
                    .subject(new Subject(grant.practitionerId()))
                    .issuer(new Issuer(urls.issuer()))
                    .build())
        .orElseGet(() -> new TokenIntrospectionSuccessResponse.Builder(false).build());
  }

  private static OAuthException invalidGrant(String description) {
    return new OAuthException(OAuth2Error.INVALID_GRANT.setDescription(description));
  }

  private static HTTPResponse error(ErrorObject error) {
    HTTPResponse response = new TokenErrorResponse(error).toHTTPResponse();
    if (OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode())) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"sandbox\"");
    }
    return response;
  }

}
