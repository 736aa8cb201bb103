package org.kapcompanion.launch;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * What an EHR publishes at {@code {iss}/.well-known/smart-configuration} (SMART App Launch 2.x §2.6.2).
 *
 * @param issuer the OpenID issuer of id_tokens, when the EHR supports sso-openid-connect
 * @param jwksUri the keys that sign id_tokens
 * @param authorizationEndpoint where the browser is sent to authorize
 * @param tokenEndpoint where codes are exchanged for tokens
 * @param capabilities SMART capabilities, e.g. {@code launch-ehr}, {@code permission-v2}
 * @param codeChallengeMethods PKCE methods offered
 * @param tokenEndpointAuthMethods client authentication methods offered
 * @param scopesSupported scopes the server lists, may be empty
 */
record SmartConfiguration(
    Optional<URI> issuer,
    Optional<URI> jwksUri,
    URI authorizationEndpoint,
    URI tokenEndpoint,
    Set<String> capabilities,
    Set<String> codeChallengeMethods,
    Set<String> tokenEndpointAuthMethods,
    Set<String> scopesSupported) {

  boolean supportsV2Scopes() {
    return capabilities.contains("permission-v2");
  }

  boolean offersPkceS256() {
    return codeChallengeMethods.contains("S256");
  }
}
