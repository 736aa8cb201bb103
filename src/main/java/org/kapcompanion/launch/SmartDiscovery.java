package org.kapcompanion.launch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kapcompanion.web.EhrHttp;

/**
 * Fetches and caches each EHR's SMART configuration (SMART App Launch 2.x §2.6.2, "Retrieve
 * .well-known/smart-configuration").
 */
final class SmartDiscovery {

  private static final Duration CACHE_FOR = Duration.ofMinutes(10);

  private final HttpClient http;
  private final Clock clock;
  private final Map<URI, Cached> cache = new ConcurrentHashMap<>();

  SmartDiscovery(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  SmartConfiguration discover(URI fhirBase) throws LaunchException {
    Cached cached = cache.get(fhirBase);
    Instant now = clock.instant();
    if (cached != null && cached.expires().isAfter(now)) {
      return cached.configuration();
    }
    SmartConfiguration configuration = parse(fetch(wellKnown(fhirBase)));
    cache.put(fhirBase, new Cached(configuration, now.plus(CACHE_FOR)));
    return configuration;
  }

  static URI wellKnown(URI fhirBase) {
    String base = fhirBase.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + ".well-known/smart-configuration");
  }

  private String fetch(URI url) throws LaunchException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(EhrHttp.ANSWER_TIMEOUT)
        .header("Accept", "application/json").GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new LaunchException(LaunchError.EHR_UNREACHABLE, "smart-configuration answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new LaunchException(LaunchError.EHR_UNREACHABLE, "smart-configuration unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException(LaunchError.EHR_UNREACHABLE, "interrupted");
    }
  }

  static SmartConfiguration parse(String json) throws LaunchException {
    try {
      JsonObject object = JsonParser.parseString(json).getAsJsonObject();
      return new SmartConfiguration(
          optionalUri(object, "issuer"),
          optionalUri(object, "jwks_uri"),
          requiredUri(object, "authorization_endpoint"),
          requiredUri(object, "token_endpoint"),
          strings(object, "capabilities"),
          strings(object, "code_challenge_methods_supported"),
          strings(object, "token_endpoint_auth_methods_supported"),
          strings(object, "scopes_supported"));
    } catch (RuntimeException e) {
      throw new LaunchException(LaunchError.EHR_UNREACHABLE, "smart-configuration is not valid: " + e.getMessage());
    }
  }

  private static URI requiredUri(JsonObject object, String name) {
    return optionalUri(object, name).orElseThrow(() -> new IllegalArgumentException(name + " missing"));
  }

  private static Optional<URI> optionalUri(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value == null || value.isJsonNull() ? Optional.empty() : Optional.of(URI.create(value.getAsString()));
  }

  private static Set<String> strings(JsonObject object, String name) {
    Set<String> result = new HashSet<>();
    JsonElement value = object.get(name);
    if (value instanceof JsonArray array) {
      array.forEach(element -> result.add(element.getAsString()));
    }
    return Set.copyOf(result);
  }

  private record Cached(SmartConfiguration configuration, Instant expires) {}
}
