package org.kapcompanion.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.TestStores;
import org.kapcompanion.web.Templates;
import org.kapcompanion.web.TestWeb;
import org.kapcompanion.web.WebServer;

class AdminFeatureIT {

  private static final String TOKEN = "a-long-enough-admin-token-for-tests";

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicBoolean warm = new AtomicBoolean();
  private final Database database = TestStores.inMemory();
  private WebServer web;

  @AfterEach
  void stop() throws Exception {
    web.stop();
    database.close();
  }

  @Test
  void healthIsUpWhileReadyWaitsForTheValidatorAndTheStore() throws Exception {
    start(Optional.of(TOKEN));

    assertThat(get("/health", null).statusCode()).isEqualTo(200);
    HttpResponse<String> cold = get("/ready", null);
    assertThat(cold.statusCode()).isEqualTo(503);
    assertThat(cold.body()).contains("\"store\":\"ok\"").contains("\"validator\":\"not ready\"");

    warm.set(true);
    HttpResponse<String> ready = get("/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"status\":\"ready\"");

    database.close();
    HttpResponse<String> storeGone = get("/ready", null);
    assertThat(storeGone.statusCode()).isEqualTo(503);
    assertThat(storeGone.body()).contains("\"store\":\"not ready\"");
  }

  @Test
  void metricsAndStatusNeedTheAdminToken() throws Exception {
    start(Optional.of(TOKEN));

    HttpResponse<String> anonymous = get("/metrics", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("Basic"));
    assertThat(get("/metrics", "Bearer wrong-token").statusCode()).isEqualTo(401);
    assertThat(get("/admin/status", null).statusCode()).isEqualTo(401);

    String basic = "Basic " + Base64.getEncoder().encodeToString(("it:" + TOKEN).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> status = get("/admin/status", basic);
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("No tenants are configured");
  }

  @Test
  void metricsCountRequestsByRouteInPrometheusFormat() throws Exception {
    start(Optional.of(TOKEN));
    get("/health", null);

    HttpResponse<String> metrics = get("/metrics", "Bearer " + TOKEN);

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("text/plain"));
    assertThat(metrics.body()).containsPattern("kap_http_requests_seconds_count\\{[^}]*route=\"/health\"[^}]*} 1")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void withoutAConfiguredTokenTheAdminPagesAreClosed() throws Exception {
    start(Optional.empty());

    HttpResponse<String> metrics = get("/metrics", "Bearer " + TOKEN);
    assertThat(metrics.statusCode()).isEqualTo(403);
    assertThat(metrics.body()).contains("set admin.token");
    assertThat(get("/health", null).statusCode()).isEqualTo(200);
  }

  private void start(Optional<String> token) throws Exception {
    Templates templates = TestWeb.templates();
    Readiness readiness = new Readiness(List.of(Readiness.store(database.dataSource()),
        Readiness.Probe.passesWhen("validator", warm::get)));
    AdminFeature admin = new AdminFeature(List.of(), token, new EndpointCheck(FhirContext.forR4Cached()),
        OutboxStatus.NOT_AVAILABLE, readiness, new Metrics(), templates);
    web = new WebServer("127.0.0.1", 0, templates, TestWeb.HEADERS, field -> false, admin.routes(),
        admin.guards());
    web.start();
  }

  private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
