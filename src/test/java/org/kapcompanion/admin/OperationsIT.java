package org.kapcompanion.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.TestEnvironment;

class OperationsIT {

  private static final String APP = TestEnvironment.PUBLIC_CLIENT;

  private final TestEnvironment environment = TestEnvironment.get();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void appBecomesReadyOnceTheStoreAnswersAndTheValidatorIsWarm() throws Exception {
    environment.app(APP);
    assertThat(get("health", false).statusCode()).isEqualTo(200);

    HttpResponse<String> ready = get("ready", false);
    Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
    while (ready.statusCode() != 200 && Instant.now().isBefore(giveUp)) {
      assertThat(ready.statusCode()).isEqualTo(503);
      Thread.sleep(250);
      ready = get("ready", false);
    }

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo(
        "{\"status\":\"ready\",\"checks\":{\"store\":\"ok\",\"validator\":\"ok\",\"delivery\":\"ok\"}}");
  }

  @Test
  void launchesAndFhirReadsAreCountedInTheMetrics() throws Exception {
    environment.app(APP);
    HttpBrowser.Page summary = new Launches(environment, new HttpBrowser()).ehrLaunchedPage(APP, "kap-pt-03");
    assertThat(summary.status()).isEqualTo(200);

    String metrics = get("metrics", true).body();

    assertThat(metrics).containsPattern("kap_launches_total\\{outcome=\"ok\"} [1-9]")
        .containsPattern("kap_fhir_requests_seconds_count\\{endpoint=\"Patient\",method=\"GET\",status=\"200\"} [1-9]")
        .containsPattern("kap_http_requests_seconds_count\\{method=\"GET\",route=\"/s/\\*\",status=\"200\"} [1-9]")
        .doesNotContain("kap-pt-03");
  }

  @Test
  void statusPageShowsTheEndpointReportAndTheOutbox() throws Exception {
    environment.app(APP);

    HttpResponse<String> status = get("admin/status", true);

    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("Sandbox EHR", "OK — the app can work with this EHR",
        "one transaction per save; integration plan as CarePlan + Goal", "<th scope=\"row\">Observation</th>")
        .containsPattern("<dt>Outbox</dt>\\s*<dd>\\d+ save\\(s\\) waiting, \\d+ failed</dd>\\s*"
            + "<dd>oldest waiting since: (none waiting|\\d{4}-\\d\\d-\\d\\dT[^<]+Z)</dd>");
    assertThat(get("admin/status", false).statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> get(String path, boolean admin) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(environment.appUrl(APP, path));
    if (admin) {
      request.header("Authorization", "Bearer " + TestEnvironment.ADMIN_TOKEN);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
