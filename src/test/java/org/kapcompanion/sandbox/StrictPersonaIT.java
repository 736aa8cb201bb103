package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The strict persona's request rules that sit in front of the FHIR server and the authorization server: no HTTP/2
 * cleartext upgrade headers, percent-encoded query values, and no encounter in a launch the launcher chose none for.
 */
@ExtendWith(SandboxExtension.class)
class StrictPersonaIT {

  private static final String SCOPE = "launch openid fhirUser online_access patient/*.rs launch/encounter";

  @Test
  void requestsWithH2cUpgradeHeadersAreRefusedWith400(SmartHttp http) throws Exception {
    String token = http.accessToken(SCOPE, TestEhr.ALEX);
    HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    HttpResponse<String> upgrade = http2.send(HttpRequest.newBuilder(URI.create(http.ehr.fhirBase() + "/Patient/"
        + TestEhr.ALEX)).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> settings = http.fhir("GET", "Patient/" + TestEhr.ALEX, token, null, "HTTP2-Settings",
        "AAMAAABkAARAAAAAAAIAAAAA");
    HttpResponse<String> tokenEndpoint = http2.send(HttpRequest.newBuilder(URI.create(http.ehr.origin()
        + "/auth/token")).POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=x"))
        .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(upgrade.statusCode()).isEqualTo(400);
    assertThat(upgrade.body()).contains("h2c");
    assertThat(settings.statusCode()).isEqualTo(400);
    assertThat(tokenEndpoint.statusCode()).isEqualTo(400);
    assertThat(tokenEndpoint.body()).contains("h2c");
    assertThat(http.fhir("GET", "Patient/" + TestEhr.ALEX, token, null).statusCode()).isEqualTo(200);
  }

  @Test
  void queryValueWithAnUnencodedDoubleSlashIsRefusedAndTheEncodedOneAnswered(SmartHttp http) {
    String token = http.accessToken(SCOPE, TestEhr.ALEX);

    HttpResponse<String> raw = http.fhir("GET", "Observation?patient=" + TestEhr.ALEX
        + "&code=http%3A//loinc.org%7C44261-6", token, null);
    HttpResponse<String> encoded = http.fhir("GET", "Observation?patient=Patient%2F" + TestEhr.ALEX
        + "&code=http%3A%2F%2Floinc.org%7C44261-6", token, null);

    assertThat(raw.statusCode()).isEqualTo(400);
    assertThat(raw.body()).contains("OperationOutcome", "RFC 3986");
    assertThat(encoded.statusCode()).isEqualTo(200);
    assertThat(encoded.body()).contains("\"Bundle\"");
  }

  @Test
  void launchWithoutAChosenEncounterCarriesNoEncounterEvenWhenTheAppAsksForOne(SmartHttp http) {
    JsonObject token = http.ehrLaunchToken(SCOPE, TestEhr.ALEX, null);

    assertThat(token.get("patient").getAsString()).isEqualTo(TestEhr.ALEX);
    assertThat(token.has("encounter")).isFalse();
  }
}
