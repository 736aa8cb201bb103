package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
class DiscoveryIT {

  @Test
  void smartConfigurationAdvertisesEndpointsAndCapabilities(SmartHttp http) {
    HttpResponse<String> response = http.get(http.ehr.fhirBase() + "/.well-known/smart-configuration");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject doc = SmartHttp.json(response);
    String origin = http.ehr.origin();
    assertThat(doc.get("issuer").getAsString()).isEqualTo(origin);
    assertThat(doc.get("authorization_endpoint").getAsString()).isEqualTo(origin + "/auth/authorize");
    assertThat(doc.get("token_endpoint").getAsString()).isEqualTo(origin + "/auth/token");
    assertThat(doc.get("jwks_uri").getAsString()).isEqualTo(origin + "/auth/jwks");
    assertThat(doc.get("introspection_endpoint").getAsString()).isEqualTo(origin + "/auth/introspect");
    assertThat(doc.get("revocation_endpoint").getAsString()).isEqualTo(origin + "/auth/revoke");
    assertThat(strings(doc.getAsJsonArray("token_endpoint_auth_methods_supported")))
        .containsExactlyInAnyOrder("none", "client_secret_basic", "client_secret_post", "private_key_jwt");
    assertThat(strings(doc.getAsJsonArray("token_endpoint_auth_signing_alg_values_supported")))
        .containsExactlyInAnyOrder("RS384", "ES384");
    assertThat(strings(doc.getAsJsonArray("code_challenge_methods_supported"))).containsExactly("S256");
    assertThat(strings(doc.getAsJsonArray("grant_types_supported")))
        .contains("authorization_code", "refresh_token");
    assertThat(strings(doc.getAsJsonArray("response_types_supported"))).containsExactly("code");
    assertThat(strings(doc.getAsJsonArray("scopes_supported"))).contains("openid", "fhirUser", "launch");
    assertThat(strings(doc.getAsJsonArray("capabilities")))
        .contains(
            "launch-ehr",
            "launch-standalone",
            "client-confidential-asymmetric",
            "context-ehr-encounter",
            "sso-openid-connect",
            "permission-v1",
            "permission-v2",
            "authorize-post");
  }

  @Test
  void openIdConfigurationNamesTheIssuerAndKeys(SmartHttp http) {
    HttpResponse<String> response = http.get(http.ehr.origin() + "/.well-known/openid-configuration");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject doc = SmartHttp.json(response);
    assertThat(doc.get("issuer").getAsString()).isEqualTo(http.ehr.origin());
    assertThat(doc.get("jwks_uri").getAsString()).isEqualTo(http.ehr.origin() + "/auth/jwks");
    assertThat(strings(doc.getAsJsonArray("id_token_signing_alg_values_supported"))).containsExactly("RS256");
  }

  @Test
  void jwksPublishesOnlyThePublicKey(SmartHttp http) {
    JsonObject jwks = SmartHttp.json(http.get(http.ehr.origin() + "/auth/jwks"));

    JsonObject key = jwks.getAsJsonArray("keys").get(0).getAsJsonObject();
    assertThat(key.get("kty").getAsString()).isEqualTo("RSA");
    assertThat(key.has("d")).isFalse();
  }

  @Test
  void capabilityStatementIsPublicAndCarriesSmartOAuthUris(SmartHttp http) {
    HttpResponse<String> response = http.fhir("GET", "metadata", null, null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains(SmartCapabilities.OAUTH_URIS)
        .contains(http.ehr.origin() + "/auth/authorize")
        .contains(http.ehr.origin() + "/auth/token")
        .contains("SMART-on-FHIR");
  }

  @Test
  void errorPagesNameOnlyTheStatus(SmartHttp http) {
    HttpResponse<String> response = http.get(http.ehr.origin() + "/auth/token");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).contains("HTTP ERROR 405").doesNotContain("not supported").doesNotContain("Exception");
  }

  private static List<String> strings(JsonArray array) {
    List<String> values = new ArrayList<>();
    array.forEach(e -> values.add(e.getAsString()));
    return values;
  }
}
