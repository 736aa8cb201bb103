package org.kapcompanion.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.kapcompanion.session.QueryEncoding;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.TestEnvironment;

/**
 * The sandbox EHR's FHIR server without the app: the benchmark launches as a SMART client of its own (the public
 * client's registration, its own PKCE) to read what the app reads and to see when saves arrived.
 */
final class DirectFhir {

  static final String ENTRY_SYSTEM = "http://kapcompanion.org/fhir/sid/entry";
  private static final String SCOPE = "launch openid fhirUser patient/*.read user/Practitioner.read";

  private final HttpClient http;
  private final URI fhirBase;
  private final String accessToken;

  private DirectFhir(HttpClient http, URI fhirBase, String accessToken) {
    this.http = http;
    this.fhirBase = fhirBase;
    this.accessToken = accessToken;
  }

  /** Launches for the patient from the sandbox launcher and exchanges the code for an access token itself. */
  static DirectFhir signIn(TestEnvironment environment, HttpClient http, String patient)
      throws IOException, InterruptedException {
    HttpBrowser browser = new HttpBrowser(http);
    URI fhirBase = environment.ehr().fhirBase();
    Map<String, String> launch = query(new Launches(environment, browser)
        .appLaunchUrl(TestEnvironment.PUBLIC_CLIENT, patient, false));
    JsonObject smart = json(browser.get(URI.create(fhirBase + "/.well-known/smart-configuration")).body());
    CodeVerifier verifier = new CodeVerifier();
    String redirectUri = environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "callback").toString();
    Map<String, String> authorize = new LinkedHashMap<>();
    authorize.put("response_type", "code");
    authorize.put("client_id", TestEnvironment.PUBLIC_CLIENT);
    authorize.put("redirect_uri", redirectUri);
    authorize.put("scope", SCOPE);
    authorize.put("state", "bench-" + System.nanoTime());
    authorize.put("aud", launch.get("iss"));
    authorize.put("launch", launch.get("launch"));
    authorize.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
    authorize.put("code_challenge_method", "S256");
    HttpBrowser.Page page = browser.get(URI.create(smart.get("authorization_endpoint").getAsString() + "?"
        + form(authorize)));
    for (int hops = 0; page.status() / 100 == 3 && hops < 10; hops++) {
      URI next = page.location().orElseThrow();
      if (next.getPath().equals("/callback")) {
        HttpBrowser.Page token = browser.post(URI.create(smart.get("token_endpoint").getAsString()), Map.of(
            "grant_type", "authorization_code", "code", query(next).get("code"), "redirect_uri", redirectUri,
            "code_verifier", verifier.getValue(), "client_id", TestEnvironment.PUBLIC_CLIENT));
        if (token.status() != 200) {
          throw new IllegalStateException("the token endpoint answered " + token.status());
        }
        return new DirectFhir(http, fhirBase, json(token.body()).get("access_token").getAsString());
      }
      page = browser.get(next);
    }
    throw new IllegalStateException("the authorization ended with " + page.status() + " at " + page.url());
  }

  /** Reads relative FHIR URLs in parallel, as the app's record reader does; returns when all have arrived. */
  void readAll(List<String> urls) {
    List<CompletableFuture<HttpResponse<byte[]>>> reads = urls.stream()
        .map(url -> http.sendAsync(get(url), HttpResponse.BodyHandlers.ofByteArray())).toList();
    for (CompletableFuture<HttpResponse<byte[]>> read : reads) {
      int status = read.join().statusCode();
      if (status != 200) {
        throw new IllegalStateException("a direct read answered " + status);
      }
    }
  }

  /** When the EHR stored each of the patient's saved entries (its {@code meta.lastUpdated}), by entry id. */
  Map<String, Instant> storedAt(String resourceType, String patient, List<String> entryIds)
      throws IOException, InterruptedException {
    Map<String, Instant> stored = new HashMap<>();
    for (int from = 0; from < entryIds.size(); from += 40) {
      String identifiers = entryIds.subList(from, Math.min(entryIds.size(), from + 40)).stream()
          .map(id -> ENTRY_SYSTEM + "|" + id).collect(Collectors.joining(","));
      HttpResponse<String> found = http.send(get(resourceType + "?_count=100&patient=" + patient + "&identifier="
          + URLEncoder.encode(identifiers, StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
      if (found.statusCode() != 200) {
        throw new IllegalStateException("the search for saved entries answered " + found.statusCode());
      }
      JsonObject bundle = json(found.body());
      for (JsonElement entry : bundle.has("entry") ? bundle.getAsJsonArray("entry") : new JsonArray()) {
        JsonObject resource = entry.getAsJsonObject().getAsJsonObject("resource");
        Instant updated = Instant.parse(resource.getAsJsonObject("meta").get("lastUpdated").getAsString());
        for (JsonElement identifier : resource.getAsJsonArray("identifier")) {
          JsonObject id = identifier.getAsJsonObject();
          if (ENTRY_SYSTEM.equals(id.get("system").getAsString())) {
            stored.put(id.get("value").getAsString(), updated);
          }
        }
      }
    }
    return stored;
  }

  private HttpRequest get(String relativeUrl) {
    return HttpRequest.newBuilder(URI.create(QueryEncoding.encoded(fhirBase + "/" + relativeUrl)))
        .timeout(TherapistSession.TIMEOUT)
        .header("Accept", "application/fhir+json").header("Authorization", "Bearer " + accessToken).GET().build();
  }

  private static JsonObject json(String body) {
    return JsonParser.parseString(body).getAsJsonObject();
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> parameters = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      parameters.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return parameters;
  }

  private static String form(Map<String, String> parameters) {
    List<String> pairs = new ArrayList<>();
    parameters.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return String.join("&", pairs);
  }
}
