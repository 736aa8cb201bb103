package org.kapcompanion.sandbox;

import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kapcompanion.sandbox.SmartHttp.FormPage;
import org.kapcompanion.sandbox.SmartHttp.Pkce;

@ExtendWith(SandboxExtension.class)
class AuthorizationCodeFlowIT {

  private static final String SCOPE = "launch openid fhirUser online_access patient/*.rs";

  @Test
  void ehrLaunchGivesTokenWithLaunchContextAndIdToken(SmartHttp http) throws Exception {
    String launch = http.ehrLaunch(TestEhr.PUBLIC_CLIENT, TestEhr.ALEX, TestEhr.ALEX_ENCOUNTER, Map.of());
    Pkce pkce = Pkce.create();
    Map<String, String> params =
        http.authorizeParams(TestEhr.PUBLIC_CLIENT, SCOPE + " launch/encounter", launch, pkce);

    Map<String, String> redirect = http.authorizeRedirect(params);
    assertThat(redirect.get("state")).isEqualTo(params.get("state"));
    HttpResponse<String> response = http.token(http.codeExchange(redirect.get("code"), pkce, TestEhr.PUBLIC_CLIENT));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonObject token = SmartHttp.json(response);
    assertThat(token.get("token_type").getAsString()).isEqualTo("Bearer");
    assertThat(token.get("expires_in").getAsLong()).isEqualTo(3600);
    assertThat(token.get("patient").getAsString()).isEqualTo(TestEhr.ALEX);
    assertThat(token.get("encounter").getAsString()).isEqualTo(TestEhr.ALEX_ENCOUNTER);
    assertThat(token.get("need_patient_banner").getAsBoolean()).isFalse();
    assertThat(token.get("smart_style_url").getAsString()).isEqualTo(http.ehr.origin() + "/static/smart-style.json");
    assertThat(token.get("scope").getAsString().split(" ")).containsExactlyInAnyOrder(
        "launch", "openid", "fhirUser", "online_access", "patient/*.rs", "launch/encounter");
    assertThat(token.has("refresh_token")).isTrue();

    SignedJWT idToken = SignedJWT.parse(token.get("id_token").getAsString());
    RSAKey sandboxKey = (RSAKey) JWKSet.parse(http.get(http.ehr.origin() + "/auth/jwks").body()).getKeys().get(0);
    assertThat(idToken.verify(new RSASSAVerifier(sandboxKey))).isTrue();
    assertThat(idToken.getJWTClaimsSet().getIssuer()).isEqualTo(http.ehr.origin());
    assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly(TestEhr.PUBLIC_CLIENT);
    assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo(params.get("nonce"));
    assertThat(idToken.getJWTClaimsSet().getStringClaim("fhirUser"))
        .isEqualTo(http.ehr.fhirBase() + "/Practitioner/" + TestEhr.THERAPIST);
    SignedJWT access = SignedJWT.parse(token.get("access_token").getAsString());
    assertThat(access.getJWTClaimsSet().getAudience()).containsExactly(http.ehr.fhirBase().toString());
    assertThat(access.getJWTClaimsSet().getStringClaim("patient")).isEqualTo(TestEhr.ALEX);
  }

  @Test
  void grantedScopeDropsWhatThePublicClientCannotHave(SmartHttp http) {
    JsonObject token =
        http.ehrLaunchToken("launch patient/*.read offline_access system/*.read launch/encounter", TestEhr.ALEX, null);

    assertThat(token.get("scope").getAsString().split(" ")).containsExactly("launch", "patient/*.read");
    assertThat(token.has("refresh_token")).isFalse();
    assertThat(token.has("id_token")).isFalse();
  }

  @Test
  void launchCarriesIntentAndFhirContextInBothForms(SmartHttp http) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("intent", "record-session");
    extra.put("fhirContext", "Questionnaire/kap-pre-dose");
    extra.put("need_patient_banner", "true");
    JsonObject modern = tokenForLaunch(http, http.ehrLaunch(TestEhr.PUBLIC_CLIENT, TestEhr.ALEX, null, extra));
    extra.put("legacy_fhir_context", "true");
    JsonObject legacy = tokenForLaunch(http, http.ehrLaunch(TestEhr.PUBLIC_CLIENT, TestEhr.ALEX, null, extra));

    assertThat(modern.get("intent").getAsString()).isEqualTo("record-session");
    assertThat(modern.get("need_patient_banner").getAsBoolean()).isTrue();
    assertThat(modern.getAsJsonArray("fhirContext").get(0).getAsJsonObject().get("reference").getAsString())
        .isEqualTo("Questionnaire/kap-pre-dose");
    assertThat(legacy.getAsJsonArray("fhirContext").get(0).getAsString()).isEqualTo("Questionnaire/kap-pre-dose");
  }

  @Test
  void tokenRejectsWrongCodeVerifier(SmartHttp http) {
    Map<String, String> exchange = codeExchange(http);
    exchange.put("code_verifier", Pkce.create().verifier());

    assertOAuthError(http.token(exchange), 400, "invalid_grant");
  }

  @Test
  void tokenRejectsRedirectUriDifferentFromTheAuthorizeRequest(SmartHttp http) {
    Map<String, String> exchange = codeExchange(http);
    exchange.put("redirect_uri", "http://127.0.0.1:9/other");

    assertOAuthError(http.token(exchange), 400, "invalid_grant");
  }

  @Test
  void tokenRejectsCodeReuse(SmartHttp http) {
    Map<String, String> exchange = codeExchange(http);

    assertThat(http.token(exchange).statusCode()).isEqualTo(200);
    assertOAuthError(http.token(exchange), 400, "invalid_grant");
  }

  @Test
  void authorizeShowsErrorPageForUnregisteredRedirectUri(SmartHttp http) {
    Map<String, String> params = http.authorizeParams(TestEhr.PUBLIC_CLIENT, SCOPE, null, Pkce.create());
    params.put("redirect_uri", "http://127.0.0.1:9/evil");

    HttpResponse<String> response = http.authorize(params);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.body()).contains("redirect_uri");
  }

  @Test
  void authorizeRedirectsInvalidRequestForWrongAud(SmartHttp http) {
    Map<String, String> params = http.authorizeParams(TestEhr.PUBLIC_CLIENT, SCOPE, null, Pkce.create());
    params.put("aud", http.ehr.origin() + "/other-fhir");

    Map<String, String> redirect = http.authorizeRedirect(params);

    assertThat(redirect.get("error")).isEqualTo("invalid_request");
    assertThat(redirect.get("state")).isEqualTo(params.get("state"));
    assertThat(redirect).doesNotContainKey("code");
  }

  @Test
  void authorizeRequiresPkceS256(SmartHttp http) {
    Map<String, String> params = http.authorizeParams(TestEhr.PUBLIC_CLIENT, SCOPE, null, Pkce.create());
    params.put("code_challenge_method", "plain");

    assertThat(http.authorizeRedirect(params).get("error")).isEqualTo("invalid_request");
  }

  @Test
  void authorizeRejectsUnknownLaunch(SmartHttp http) {
    Map<String, String> params = http.authorizeParams(TestEhr.PUBLIC_CLIENT, SCOPE, "no-such-launch", Pkce.create());

    assertThat(http.authorizeRedirect(params).get("error")).isEqualTo("invalid_request");
  }

  @Test
  void authorizeAcceptsFormPost(SmartHttp http) {
    String launch = http.ehrLaunch(TestEhr.PUBLIC_CLIENT, TestEhr.ALEX, null, Map.of());
    Map<String, String> params = http.authorizeParams(TestEhr.PUBLIC_CLIENT, SCOPE, launch, Pkce.create());

    HttpResponse<String> response = http.postForm(http.ehr.origin() + "/auth/authorize", params);

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(SmartHttp.query(URI.create(response.headers().firstValue("Location").orElseThrow())))
        .containsKey("code");
  }

  @Test
  void refreshTokenIsRotatedAndTheUsedOneRefusedAsIsARevokedOne(SmartHttp http) {
    JsonObject token = http.ehrLaunchToken(SCOPE, TestEhr.ALEX, null);
    Map<String, String> refresh = refreshRequest(token.get("refresh_token").getAsString());

    HttpResponse<String> refreshed = http.token(refresh);
    assertThat(refreshed.statusCode()).isEqualTo(200);
    JsonObject newToken = SmartHttp.json(refreshed);
    assertThat(newToken.get("access_token").getAsString()).isNotEqualTo(token.get("access_token").getAsString());
    assertThat(newToken.get("patient").getAsString()).isEqualTo(TestEhr.ALEX);
    String rotated = newToken.get("refresh_token").getAsString();
    assertThat(rotated).isNotEqualTo(token.get("refresh_token").getAsString());
    assertOAuthError(http.token(refresh), 400, "invalid_grant");

    HttpResponse<String> revoked =
        http.postForm(http.ehr.origin() + "/auth/revoke", Map.of("token", rotated, "client_id", TestEhr.PUBLIC_CLIENT));
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertOAuthError(http.token(refreshRequest(rotated)), 400, "invalid_grant");
  }

  private static Map<String, String> refreshRequest(String refreshToken) {
    Map<String, String> refresh = new LinkedHashMap<>();
    refresh.put("grant_type", "refresh_token");
    refresh.put("refresh_token", refreshToken);
    refresh.put("client_id", TestEhr.PUBLIC_CLIENT);
    return refresh;
  }

  @Test
  void introspectionReportsActiveTokensAndRevokedOnesInactive(SmartHttp http) {
    String accessToken = http.accessToken(SCOPE, TestEhr.ALEX);
    String auth = SmartHttp.basic(TestEhr.SECRET_CLIENT, TestEhr.SECRET);

    JsonObject active =
        SmartHttp.json(
            http.postForm(http.ehr.origin() + "/auth/introspect", Map.of("token", accessToken), "Authorization", auth));
    http.postForm(
        http.ehr.origin() + "/auth/revoke", Map.of("token", accessToken, "client_id", TestEhr.PUBLIC_CLIENT));
    JsonObject inactive =
        SmartHttp.json(
            http.postForm(http.ehr.origin() + "/auth/introspect", Map.of("token", accessToken), "Authorization", auth));

    assertThat(active.get("active").getAsBoolean()).isTrue();
    assertThat(active.get("patient").getAsString()).isEqualTo(TestEhr.ALEX);
    assertThat(active.get("client_id").getAsString()).isEqualTo(TestEhr.PUBLIC_CLIENT);
    assertThat(inactive.get("active").getAsBoolean()).isFalse();
    assertThat(http.fhir("GET", "Patient/" + TestEhr.ALEX, accessToken, null).statusCode()).isEqualTo(401);
  }

  @Test
  void introspectionRequiresAuthentication(SmartHttp http) {
    HttpResponse<String> response = http.postForm(http.ehr.origin() + "/auth/introspect", Map.of("token", "x"));

    assertThat(response.statusCode()).isIn(400, 401);
  }

  @Test
  void confidentialClientMustAuthenticateWithItsSecret(SmartHttp http) {
    String launch = http.ehrLaunch(TestEhr.SECRET_CLIENT, TestEhr.ALEX, null, Map.of());
    Pkce pkce = Pkce.create();
    String code =
        http.authorizeRedirect(http.authorizeParams(TestEhr.SECRET_CLIENT, SCOPE, launch, pkce)).get("code");
    Map<String, String> exchange = http.codeExchange(code, pkce, TestEhr.SECRET_CLIENT);

    assertOAuthError(http.token(exchange, "Authorization", SmartHttp.basic(TestEhr.SECRET_CLIENT, "wrong")), 401, "invalid_client");
    exchange.remove("client_id");
    assertThat(http.token(exchange, "Authorization", SmartHttp.basic(TestEhr.SECRET_CLIENT, TestEhr.SECRET)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void standaloneLaunchSignsInPractitionerAndPicksPatient(SmartHttp http) {
    Pkce pkce = Pkce.create();
    Map<String, String> params =
        http.authorizeParams(TestEhr.PUBLIC_CLIENT, "launch/patient openid fhirUser patient/*.rs", null, pkce);
    HttpResponse<String> authorize = http.authorize(params);
    assertThat(authorize.statusCode()).isEqualTo(200);
    assertThat(authorize.body()).contains("Robin").contains(AuthorizeFlow.SANDBOX_PASSWORD);
    String requestId = hidden(authorize.body(), "request");
    String cookie = authorize.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    String csrf = hidden(authorize.body(), "csrf");

    HttpResponse<String> forged =
        http.postForm(
            http.ehr.origin() + "/auth/login",
            Map.of("csrf", "forged", "request", requestId, "practitioner", TestEhr.THERAPIST, "password", "sandbox"),
            "Cookie", cookie);
    assertThat(forged.statusCode()).isEqualTo(403);
    HttpResponse<String> login =
        http.postForm(
            http.ehr.origin() + "/auth/login",
            Map.of("csrf", csrf, "request", requestId, "practitioner", TestEhr.THERAPIST, "password", "sandbox"),
            "Cookie", cookie);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("Blake &lt;b&gt;").doesNotContain("Blake <b>");
    HttpResponse<String> picked =
        http.postForm(
            http.ehr.origin() + "/auth/patient",
            Map.of("csrf", csrf, "request", requestId, "patient", TestEhr.BLAKE),
            "Cookie", cookie);

    assertThat(picked.statusCode()).isEqualTo(302);
    Map<String, String> redirect = SmartHttp.query(URI.create(picked.headers().firstValue("Location").orElseThrow()));
    assertThat(redirect.get("state")).isEqualTo(params.get("state"));
    JsonObject token = SmartHttp.json(http.token(http.codeExchange(redirect.get("code"), pkce, TestEhr.PUBLIC_CLIENT)));
    assertThat(token.get("patient").getAsString()).isEqualTo(TestEhr.BLAKE);
    assertThat(token.get("need_patient_banner").getAsBoolean()).isTrue();
    assertThat(token.get("scope").getAsString().split(" "))
        .containsExactlyInAnyOrder("launch/patient", "openid", "fhirUser", "patient/*.rs");
  }

  @Test
  void standaloneLoginRejectsWrongPassword(SmartHttp http) {
    HttpResponse<String> authorize =
        http.authorize(http.authorizeParams(TestEhr.PUBLIC_CLIENT, "openid fhirUser user/*.rs", null, Pkce.create()));
    String cookie = authorize.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

    HttpResponse<String> login =
        http.postForm(
            http.ehr.origin() + "/auth/login",
            Map.of(
                "csrf", hidden(authorize.body(), "csrf"),
                "request", hidden(authorize.body(), "request"),
                "practitioner", TestEhr.THERAPIST,
                "password", "wrong"),
            "Cookie", cookie);

    assertThat(login.statusCode()).isEqualTo(400);
    assertThat(login.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void ehrPageFramesTheAppLaunchUrlWithIssAndLaunch(SmartHttp http) {
    String launch = http.ehrLaunch(TestEhr.PUBLIC_CLIENT, TestEhr.BLAKE, null, Map.of());

    HttpResponse<String> page = http.get(http.ehr.origin() + "/ehr?launch=" + launch);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<iframe")
        .contains(TestEhr.APP_LAUNCH + "?iss=" + URLEncoder.encode(http.ehr.fhirBase().toString(), StandardCharsets.UTF_8))
        .contains("launch=" + launch)
        .contains("Blake &lt;b&gt;");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("frame-src 'self' http://127.0.0.1:9")
        .contains("script-src 'self';")
        .doesNotContain("unsafe-inline");
  }

  @Test
  void launcherListsEscapedPatientsAndAStandaloneLink(SmartHttp http) {
    FormPage launcher = http.page(http.ehr.origin() + "/");

    assertThat(launcher.html())
        .contains("Blake &lt;b&gt;")
        .doesNotContain("Blake <b>")
        .contains("Robin Testwood")
        .contains("href=\"" + TestEhr.APP_LAUNCH + "?iss=" + URLEncoder.encode(http.ehr.fhirBase().toString(), StandardCharsets.UTF_8) + "\"")
        .doesNotContainPattern("<script(?![^>]*\\bsrc=\"/)");
  }

  @Test
  void launchInNewWindowRedirectsStraightToTheAppLaunchUrl(SmartHttp http) {
    FormPage launcher = http.page(http.ehr.origin() + "/");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", launcher.csrf());
    form.put("practitioner", TestEhr.THERAPIST);
    form.put("patient", TestEhr.ALEX);
    form.put("encounter", "");
    form.put("client", TestEhr.PUBLIC_CLIENT);
    form.put("mode", "window");

    HttpResponse<String> response = http.postForm(http.ehr.origin() + "/launch", form, "Cookie", launcher.cookie());

    assertThat(response.statusCode()).isEqualTo(303);
    URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
    assertThat(location.toString()).startsWith(TestEhr.APP_LAUNCH + "?");
    Map<String, String> query = SmartHttp.query(location);
    assertThat(query.get("iss")).isEqualTo(http.ehr.fhirBase().toString());
    Pkce pkce = Pkce.create();
    assertThat(http.authorizeRedirect(http.authorizeParams(TestEhr.PUBLIC_CLIENT, SCOPE, query.get("launch"), pkce)))
        .containsKey("code");
  }

  @Test
  void launcherRejectsEncounterOfAnotherPatient(SmartHttp http) {
    FormPage launcher = http.page(http.ehr.origin() + "/");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", launcher.csrf());
    form.put("practitioner", TestEhr.THERAPIST);
    form.put("patient", TestEhr.BLAKE);
    form.put("encounter", TestEhr.ALEX_ENCOUNTER);
    form.put("client", TestEhr.PUBLIC_CLIENT);

    HttpResponse<String> response = http.postForm(http.ehr.origin() + "/launch", form, "Cookie", launcher.cookie());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("does not belong");
  }

  @Test
  void launcherRejectsFormWithoutCsrfToken(SmartHttp http) {
    HttpResponse<String> response =
        http.postForm(
            http.ehr.origin() + "/launch",
            Map.of("practitioner", TestEhr.THERAPIST, "patient", TestEhr.ALEX, "client", TestEhr.PUBLIC_CLIENT));

    assertThat(response.statusCode()).isEqualTo(403);
  }

  private static JsonObject tokenForLaunch(SmartHttp http, String launch) {
    Pkce pkce = Pkce.create();
    String code =
        http.authorizeRedirect(http.authorizeParams(TestEhr.PUBLIC_CLIENT, "launch patient/*.rs", launch, pkce))
            .get("code");
    return SmartHttp.json(http.token(http.codeExchange(code, pkce, TestEhr.PUBLIC_CLIENT)));
  }

  private static Map<String, String> codeExchange(SmartHttp http) {
    String launch = http.ehrLaunch(TestEhr.PUBLIC_CLIENT, TestEhr.ALEX, null, Map.of());
    Pkce pkce = Pkce.create();
    String code =
        http.authorizeRedirect(http.authorizeParams(TestEhr.PUBLIC_CLIENT, SCOPE, launch, pkce)).get("code");
    return http.codeExchange(code, pkce, TestEhr.PUBLIC_CLIENT);
  }

  private static String hidden(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("hidden field " + name).isTrue();
    return m.group(1);
  }

  static void assertOAuthError(HttpResponse<String> response, int status, String error) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(SmartHttp.json(response).get("error").getAsString()).isEqualTo(error);
  }

}
