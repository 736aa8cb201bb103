package org.kapcompanion.admin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of an EHR's {@code .well-known/smart-configuration} (SMART App Launch 2.x §2.6.2) that decide whether
 * the app can launch there: SMART capabilities, PKCE methods and client authentication methods.
 *
 * @param capabilities SMART capabilities, e.g. {@code launch-ehr}, {@code client-confidential-asymmetric}
 * @param codeChallengeMethods PKCE methods offered
 * @param tokenEndpointAuthMethods client authentication methods listed by the token endpoint
 * @param scopesSupported scopes the server lists, may be empty
 * @param signingAlgorithms the algorithms the token endpoint accepts for client assertions
 *     ({@code token_endpoint_auth_signing_alg_values_supported}), may be empty
 * @param tokenEndpoint the {@code token_endpoint}; empty when missing or not a URL
 */
public record SmartMetadata(Set<String> capabilities, Set<String> codeChallengeMethods,
    Set<String> tokenEndpointAuthMethods, Set<String> scopesSupported, Set<String> signingAlgorithms,
    Optional<URI> tokenEndpoint) {

  public SmartMetadata {
    capabilities = Set.copyOf(capabilities);
    codeChallengeMethods = Set.copyOf(codeChallengeMethods);
    tokenEndpointAuthMethods = Set.copyOf(tokenEndpointAuthMethods);
    scopesSupported = Set.copyOf(scopesSupported);
    signingAlgorithms = Set.copyOf(signingAlgorithms);
  }

  /** Metadata that names no token endpoint. */
  public SmartMetadata(Set<String> capabilities, Set<String> codeChallengeMethods,
      Set<String> tokenEndpointAuthMethods, Set<String> scopesSupported, Set<String> signingAlgorithms) {
    this(capabilities, codeChallengeMethods, tokenEndpointAuthMethods, scopesSupported, signingAlgorithms,
        Optional.empty());
  }

  /** Metadata that lists no client assertion signing algorithms. */
  public SmartMetadata(Set<String> capabilities, Set<String> codeChallengeMethods,
      Set<String> tokenEndpointAuthMethods, Set<String> scopesSupported) {
    this(capabilities, codeChallengeMethods, tokenEndpointAuthMethods, scopesSupported, Set.of());
  }

  /** Reads the document; empty when it is not a JSON object. Absent lists are empty sets. */
  public static Optional<SmartMetadata> parse(String json) {
    try {
      JsonElement element = JsonParser.parseString(json);
      if (!element.isJsonObject()) {
        return Optional.empty();
      }
      JsonObject object = element.getAsJsonObject();
      return Optional.of(new SmartMetadata(strings(object, "capabilities"),
          strings(object, "code_challenge_methods_supported"), strings(object, "token_endpoint_auth_methods_supported"),
          strings(object, "scopes_supported"), strings(object, "token_endpoint_auth_signing_alg_values_supported"),
          url(object, "token_endpoint")));
    } catch (JsonParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<URI> url(JsonObject object, String name) {
    if (!(object.get(name) instanceof JsonPrimitive value) || !value.isString()) {
      return Optional.empty();
    }
    try {
      return Optional.of(URI.create(value.getAsString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Set<String> strings(JsonObject object, String name) {
    Set<String> result = new LinkedHashSet<>();
    if (object.get(name) instanceof JsonArray array) {
      array.forEach(element -> {
        if (element.isJsonPrimitive()) {
          result.add(element.getAsString());
        }
      });
    }
    return result;
  }
}
