package org.kapcompanion.sandbox;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's discovery documents: SMART configuration (SMART App Launch 2.x §Conformance:
 * .well-known/smart-configuration) and OpenID Connect provider metadata for its issuer.
 */
final class Discovery {

  static final List<String> CAPABILITIES =
      List.of(
          "launch-ehr",
          "launch-standalone",
          "client-public",
          "client-confidential-symmetric",
          "client-confidential-asymmetric",
          "context-ehr-patient",
          "context-ehr-encounter",
          "context-standalone-patient",
          "sso-openid-connect",
          "permission-patient",
          "permission-user",
          "permission-v1",
          "permission-v2",
          "context-style",
          "context-banner",
          "authorize-post");

  static final List<String> SCOPES =
      List.of(
          "openid",
          "fhirUser",
          "profile",
          "launch",
          "launch/patient",
          "launch/encounter",
          "offline_access",
          "online_access",
          "patient/*.read",
          "patient/*.write",
          "patient/*.*",
          "patient/*.cruds",
          "patient/*.rs",
          "user/*.read",
          "user/*.write",
          "user/*.*",
          "user/*.cruds",
          "user/*.rs");

  private static final List<String> AUTH_METHODS =
      List.of("none", "client_secret_basic", "client_secret_post", "private_key_jwt");

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private Discovery() {}

  static String smartConfiguration(SandboxUrls urls) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", urls.issuer().toString());
    doc.put("jwks_uri", urls.jwks().toString());
    doc.put("authorization_endpoint", urls.authorize().toString());
    doc.put("token_endpoint", urls.token().toString());
    doc.put("introspection_endpoint", urls.introspect().toString());
    doc.put("revocation_endpoint", urls.revoke().toString());
    doc.put("token_endpoint_auth_methods_supported", AUTH_METHODS);
    doc.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
    doc.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
    doc.put("scopes_supported", SCOPES);
    doc.put("response_types_supported", List.of("code"));
    doc.put("code_challenge_methods_supported", List.of("S256"));
    doc.put("capabilities", CAPABILITIES);
    return GSON.toJson(doc);
  }

  static String openidConfiguration(SandboxUrls urls) {
    OIDCProviderMetadata metadata =
        new OIDCProviderMetadata(new Issuer(urls.issuer()), List.of(SubjectType.PUBLIC), urls.jwks());
    metadata.setAuthorizationEndpointURI(urls.authorize());
    metadata.setTokenEndpointURI(urls.token());
    metadata.setIntrospectionEndpointURI(urls.introspect());
    metadata.setRevocationEndpointURI(urls.revoke());
    metadata.setResponseTypes(List.of(ResponseType.CODE));
    metadata.setGrantTypes(List.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
    metadata.setScopes(new Scope(SCOPES.toArray(String[]::new)));
    metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
    metadata.setTokenEndpointAuthMethods(AUTH_METHODS.stream().map(ClientAuthenticationMethod::parse).toList());
    metadata.setTokenEndpointJWSAlgs(List.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384));
    metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.RS256));
    metadata.setClaims(List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "fhirUser"));
    return metadata.toJSONObject().toString();
  }
}
