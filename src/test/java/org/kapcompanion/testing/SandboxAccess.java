package org.kapcompanion.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An access token for the sandbox EHR with the scopes a test asks for, obtained like a SMART client would (standalone
 * authorize, practitioner sign-in, PKCE code exchange), so tests can put records into the EHR or read it directly.
 */
public final class SandboxAccess {

  private static final String PASSWORD = "sandbox";

  private SandboxAccess() {}

  /** A token issued to the public test client for {@code practitioner} with {@code scopes} (space-separated). */
  public static String token(TestEnvironment environment, String practitioner, String scopes)
      throws IOException, InterruptedException {
    HttpBrowser browser = new HttpBrowser();
    URI redirect = environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "callback");
    CodeVerifier verifier = new CodeVerifier();
    Map<String, String> authorize = new LinkedHashMap<>();
    authorize.put("response_type", "code");
    authorize.put("client_id", TestEnvironment.PUBLIC_CLIENT);
    authorize.put("redirect_uri", redirect.toString());
    authorize.put("scope", scopes);
    authorize.put("state", UUID.randomUUID().toString());
    authorize.put("aud", environment.ehr().fhirBase().toString());
    authorize.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
    authorize.put("code_challenge_method", "S256");
    URI authorizeUrl = environment.ehrOrigin().resolve("auth/authorize?" + form(authorize));
    HttpBrowser.Page login = browser.get(authorizeUrl);
    HttpBrowser.Page signedIn = browser.post(environment.ehrOrigin().resolve("auth/login"), Map.of(
        "csrf", login.inputValue("csrf"), "request", login.inputValue("request"),
        "practitioner", practitioner, "password", PASSWORD));
    URI callback = signedIn.location().orElseThrow(() -> new AssertionError("sign-in answered "
        + signedIn.status() + ": " + signedIn.body()));
    String code = query(callback).get("code");
    HttpResponse<String> token = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build().send(
        HttpRequest.newBuilder(environment.ehrOrigin().resolve("auth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", redirect.toString(), "client_id", TestEnvironment.PUBLIC_CLIENT,
                "code_verifier", verifier.getValue())))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (token.statusCode() != 200) {
      throw new AssertionError("token endpoint answered " + token.statusCode() + ": " + token.body());
    }
    JsonObject body = JsonParser.parseString(token.body()).getAsJsonObject();
    return body.get("access_token").getAsString();
  }

  private static Map<String, String> query(URI url) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      values.put(pair.substring(0, equals),
          java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return values;
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }
}
