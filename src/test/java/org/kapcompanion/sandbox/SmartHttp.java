package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Drives the sandbox over real HTTP the way a browser and a SMART client would. */
final class SmartHttp {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Gson GSON = new Gson();

  final TestEhr ehr;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

  SmartHttp(TestEhr ehr) {
    this.ehr = ehr;
  }

  /** A PKCE verifier and its S256 challenge. */
  record Pkce(String verifier, String challenge) {
    static Pkce create() {
      CodeVerifier verifier = new CodeVerifier();
      return new Pkce(verifier.getValue(), CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
    }
  }

  /** A browser's page: its CSRF cookie and form token. */
  record FormPage(String cookie, String csrf, String html) {}

  FormPage page(String url) {
    HttpResponse<String> response = get(url);
    assertThat(response.statusCode()).isEqualTo(200);
    String cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    Matcher m = CSRF_FIELD.matcher(response.body());
    assertThat(m.find()).isTrue();
    return new FormPage(cookie, m.group(1), response.body());
  }

  /** Creates an EHR launch through the launcher form and returns its launch id. */
  String ehrLaunch(String clientId, String patient, String encounter, Map<String, String> extra) {
    FormPage launcher = page(ehr.origin() + "/");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", launcher.csrf());
    form.put("practitioner", TestEhr.THERAPIST);
    form.put("patient", patient);
    form.put("encounter", encounter == null ? "" : encounter);
    form.put("client", clientId);
    form.put("mode", "frame");
    form.putAll(extra);
    HttpResponse<String> response = postForm(ehr.origin() + "/launch", form, "Cookie", launcher.cookie());
    assertThat(response.statusCode()).isEqualTo(303);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/ehr?launch=");
    return location.substring("/ehr?launch=".length());
  }

  Map<String, String> authorizeParams(String clientId, String scope, String launch, Pkce pkce) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", clientId);
    params.put("redirect_uri", TestEhr.REDIRECT.toString());
    params.put("scope", scope);
    params.put("state", "state-" + System.nanoTime());
    params.put("aud", ehr.fhirBase().toString());
    params.put("code_challenge", pkce.challenge());
    params.put("code_challenge_method", "S256");
    params.put("nonce", "nonce-" + System.nanoTime());
    if (launch != null) {
      params.put("launch", launch);
    }
    return params;
  }

  HttpResponse<String> authorize(Map<String, String> params) {
    return get(ehr.origin() + "/auth/authorize?" + form(params));
  }

  /** Authorizes and returns the query parameters the app's redirect URI receives. */
  Map<String, String> authorizeRedirect(Map<String, String> params) {
    HttpResponse<String> response = authorize(params);
    assertThat(response.statusCode()).isEqualTo(302);
    URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
    assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath())
        .isEqualTo(TestEhr.REDIRECT.toString());
    return query(location);
  }

  /** A code exchange request for the public client. */
  Map<String, String> codeExchange(String code, Pkce pkce, String clientId) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", TestEhr.REDIRECT.toString());
    form.put("code_verifier", pkce.verifier());
    form.put("client_id", clientId);
    return form;
  }

  HttpResponse<String> token(Map<String, String> form, String... headers) {
    return postForm(ehr.origin() + "/auth/token", form, headers);
  }

  /** An EHR launch of the public client for the patient, all the way to a token response. */
  JsonObject ehrLaunchToken(String scope, String patient, String encounter) {
    String launch = ehrLaunch(TestEhr.PUBLIC_CLIENT, patient, encounter, Map.of());
    Pkce pkce = Pkce.create();
    Map<String, String> redirect =
        authorizeRedirect(authorizeParams(TestEhr.PUBLIC_CLIENT, scope, launch, pkce));
    HttpResponse<String> response = token(codeExchange(redirect.get("code"), pkce, TestEhr.PUBLIC_CLIENT));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  String accessToken(String scope, String patient) {
    return ehrLaunchToken(scope, patient, null).get("access_token").getAsString();
  }

  HttpResponse<String> fhir(String method, String path, String token, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ehr.fhirBase() + "/" + path))
            .header("Accept", "application/fhir+json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/fhir+json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  HttpResponse<String> get(String url, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  HttpResponse<String> postForm(String url, Map<String, String> form, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  static String basic(String clientId, String secret) {
    String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  static JsonObject json(HttpResponse<String> response) {
    return GSON.fromJson(response.body(), JsonObject.class);
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
    }
    return params;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
