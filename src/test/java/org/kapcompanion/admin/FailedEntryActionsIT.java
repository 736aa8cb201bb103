package org.kapcompanion.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.web.Templates;
import org.kapcompanion.web.TestWeb;
import org.kapcompanion.web.WebServer;

/**
 * The status page's failed entries: listed per tenant without clinical content, retried or discarded by id by an
 * admin — with the page's form token when signed in through the browser — and counted in the metrics.
 */
class FailedEntryActionsIT {

  private static final String TOKEN = "a-long-enough-admin-token-for-tests";
  private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(("it:" + TOKEN)
      .getBytes(StandardCharsets.UTF_8));
  private static final Instant SAVED = Instant.parse("2026-11-20T14:00:00Z");
  private static final String ENTRY = UUID.randomUUID().toString();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final RecordingOutbox outbox = new RecordingOutbox();
  private WebServer web;

  @BeforeEach
  void start() throws Exception {
    Templates templates = TestWeb.templates();
    TenantConfig clinic = new TenantConfig("clinic", "Clinic EHR", URI.create("http://127.0.0.1:9/fhir"), "kap",
        TenantConfig.ClientAuth.publicClient(), Optional.empty(), List.of(), List.of());
    AdminFeature admin = new AdminFeature(List.of(clinic), Optional.of(TOKEN),
        new EndpointCheck(FhirContext.forR4Cached()), outbox, new Readiness(List.of()), new Metrics(), templates);
    web = new WebServer("127.0.0.1", 0, templates, TestWeb.HEADERS, field -> false, admin.routes(), admin.guards());
    web.start();
  }

  @AfterEach
  void stop() throws Exception {
    web.stop();
  }

  @Test
  void statusPageListsFailedEntriesByIdKindAndProblemWithRetryAndDiscard() throws Exception {
    String page = get("/admin/status", BASIC).body();

    assertThat(page).contains(ENTRY, "integration-plan", "stored entry unreadable (DataFormatException)",
        "2026-11-20T14:00:00Z", "action=\"/admin/entries/retry\"", "action=\"/admin/entries/discard\"");
  }

  @Test
  void browserSignedInAdminRetriesAndDiscardsWithThePagesFormToken() throws Exception {
    String csrf = formToken(get("/admin/status", BASIC).body());

    HttpResponse<String> retried = post("/admin/entries/retry", BASIC, Map.of("csrf", csrf, "id", ENTRY), Map.of());
    HttpResponse<String> unconfirmed = post("/admin/entries/discard", BASIC, Map.of("csrf", csrf, "id", ENTRY),
        Map.of());
    HttpResponse<String> discarded = post("/admin/entries/discard", BASIC,
        Map.of("csrf", csrf, "id", ENTRY, "confirm", "yes"), Map.of());

    assertThat(retried.statusCode()).isEqualTo(303);
    assertThat(retried.headers().firstValue("Location")).hasValue("/admin/status?done=retry");
    assertThat(unconfirmed.headers().firstValue("Location")).hasValue("/admin/status?done=none");
    assertThat(discarded.headers().firstValue("Location")).hasValue("/admin/status?done=discard");
    assertThat(outbox.actions).containsExactly("retry " + ENTRY, "discard " + ENTRY);
    assertThat(get("/admin/status?done=discard", BASIC).body()).contains("The entry was discarded");
  }

  @Test
  void actionWithoutTheFormTokenOrFromAnotherSiteIsRefused() throws Exception {
    String csrf = formToken(get("/admin/status", BASIC).body());

    assertThat(post("/admin/entries/retry", BASIC, Map.of("id", ENTRY), Map.of()).statusCode()).isEqualTo(403);
    assertThat(post("/admin/entries/retry", BASIC, Map.of("csrf", "forged", "id", ENTRY), Map.of()).statusCode())
        .isEqualTo(403);
    assertThat(post("/admin/entries/retry", BASIC, Map.of("csrf", csrf, "id", ENTRY),
        Map.of("Sec-Fetch-Site", "cross-site")).statusCode()).isEqualTo(403);
    assertThat(post("/admin/entries/retry", null, Map.of("csrf", csrf, "id", ENTRY), Map.of()).statusCode())
        .isEqualTo(401);
    assertThat(outbox.actions).isEmpty();
  }

  @Test
  void scriptWithTheBearerTokenNeedsNoFormToken() throws Exception {
    HttpResponse<String> retried = post("/admin/entries/retry", "Bearer " + TOKEN, Map.of("id", ENTRY), Map.of());

    assertThat(retried.statusCode()).isEqualTo(303);
    assertThat(outbox.actions).containsExactly("retry " + ENTRY);
  }

  @Test
  void metricsCountFailedAndQuarantinedEntriesPerTenant() throws Exception {
    String metrics = get("/metrics", "Bearer " + TOKEN).body();

    assertThat(metrics).contains("kap_outbox_entries{state=\"failed\",tenant=\"clinic\"} 1.0",
        "kap_outbox_entries{state=\"pending\",tenant=\"clinic\"} 3.0",
        "kap_outbox_quarantined_total{tenant=\"clinic\"} 2.0").doesNotContain(ENTRY);
  }

  private static String formToken(String page) {
    Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(csrf.find()).as("the page has a form token").isTrue();
    return csrf.group(1);
  }

  private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
    return http.send(request(path, authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String authorization, Map<String, String> form,
      Map<String, String> headers) throws IOException, InterruptedException {
    String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
        StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    HttpRequest.Builder request = request(path, authorization)
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  /** An outbox with one failed entry of the clinic, recording what the admin asked it to do. */
  private static final class RecordingOutbox implements OutboxStatus {

    final List<String> actions = new ArrayList<>();

    @Override
    public Optional<TenantOutbox> of(String tenantId) {
      return Optional.of(new TenantOutbox(3, 1, Optional.of(SAVED), List.of(new FailedEntry(ENTRY,
          "integration-plan", SAVED, SAVED.plusSeconds(1), "stored entry unreadable (DataFormatException)", true)),
          List.of(), List.of()));
    }

    @Override
    public long quarantined(String tenantId) {
      return 2;
    }

    @Override
    public boolean retry(String entryId) {
      actions.add("retry " + entryId);
      return true;
    }

    @Override
    public boolean discard(String entryId) {
      actions.add("discard " + entryId);
      return true;
    }
  }
}
