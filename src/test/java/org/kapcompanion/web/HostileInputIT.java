package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.writeback.ConformancePackage;
import org.kapcompanion.writeback.SessionClient;

/**
 * Over a thousand generated hostile requests ({@link HostileCases}) against one running app and sandbox EHR, in one
 * launched session with a running dosing session: none is answered 5xx or with an exception's text, each refusal has
 * the status its case expects, no coerced value reaches the EHR, and the session's good entries are still delivered.
 */
class HostileInputIT {

  private static final Pattern EXCEPTION_TEXT = Pattern.compile(
      "Exception|java\\.|\\tat |Caused by|HAPI-\\d|org\\.kapcompanion\\.|NullPointer|stack ?trace");
  private static final Pattern REFUSED_CHARACTERS = Pattern.compile(
      "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\u202A-\\u202E\\u2066-\\u2069\\uFFFE\\uFFFF]");

  private static SessionClient session;
  private static SandboxSessions ehr;
  private static String patient;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  /** A patient of this test's own, whose dosing session is running. */
  @BeforeAll
  static void launch() throws Exception {
    TestEnvironment environment = TestEnvironment.get();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    patient = "kap-pt-hostile-" + UUID.randomUUID().toString().substring(0, 8);
    ehr = SandboxSessions.of(environment);
    ehr.patientInARunningSession(patient, "Robin Hostile");
    session = SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, patient, null);
  }

  @Test
  void hostileRequestsAreRefusedWithoutAServerErrorAndNothingCoercedReachesTheEhr() throws Exception {
    String goodBefore = UUID.randomUUID().toString();
    assertThat(session.saveNote(goodBefore, "Settled, breathing slowly.").status()).isEqualTo(200);
    String goodReading = UUID.randomUUID().toString();
    assertThat(session.post("session/entries", "{\"id\":\"" + goodReading + "\",\"kind\":\"hr\",\"value\":\"72\","
        + "\"effective\":\"" + Instant.now() + "\"}").status()).isEqualTo(200);

    List<HostileCases.Case> cases = HostileCases.all(linkIds("kap-predose-checklist"), linkIds("kap-preparation"));
    assertThat(cases).hasSizeGreaterThanOrEqualTo(1_000);
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (HostileCases.Case hostile : cases) {
        sent.add(senders.submit(() -> {
          send(hostile).ifPresent(failures::add);
          return null;
        }));
      }
      for (Future<?> each : sent) {
        each.get();
      }
    } finally {
      senders.shutdownNow();
    }
    String goodAfter = UUID.randomUUID().toString();
    assertThat(session.saveNote(goodAfter, "Asked for water.").status()).isEqualTo(200);

    assertThat(failures).as("%d of %d cases", failures.size(), cases.size()).isEmpty();
    awaitAllDelivered();
    List<Resource> written = new ArrayList<>();
    for (String type : List.of("Observation", "QuestionnaireResponse", "MedicationAdministration", "CarePlan", "Goal",
        "Flag")) {
      written.addAll(ehr.search(type + "?patient=" + patient));
    }
    assertThat(written).as("the good entries around the hostile ones").anySatisfy(r -> carries(r, goodBefore))
        .anySatisfy(r -> carries(r, goodReading)).anySatisfy(r -> carries(r, goodAfter));
    FhirContext fhir = FhirContext.forR4Cached();
    for (Resource resource : written) {
      assertThat(REFUSED_CHARACTERS.matcher(fhir.newJsonParser().encodeResourceToString(resource)).find())
          .as("%s holds a refused character", resource.getIdElement().getIdPart()).isFalse();
    }
    List<Observation> readings = written.stream().filter(Observation.class::isInstance).map(Observation.class::cast)
        .filter(HostileInputIT::writtenByTheApp).filter(o -> kind(o).isPresent()).toList();
    assertThat(readings).as("readings the app wrote: only the good one").singleElement().satisfies(reading ->
        assertThat(reading.getValueQuantity().getValue()).isEqualByComparingTo(BigDecimal.valueOf(72)));
    assertThat(written).filteredOn(r -> r.fhirType().equals("MedicationAdministration"))
        .filteredOn(HostileInputIT::writtenByTheApp).isEmpty();
    assertThat(written).filteredOn(QuestionnaireResponse.class::isInstance)
        .filteredOn(HostileInputIT::writtenByTheApp).isEmpty();
    assertThat(written).filteredOn(r -> r.fhirType().equals("CarePlan") || r.fhirType().equals("Goal")).isEmpty();
  }

  /** Sends one case; the reason it fails, if it does. */
  private static Optional<String> send(HostileCases.Case hostile) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(session.base().resolve(hostile.path()))
        .timeout(Duration.ofSeconds(120))
        .header("Cookie", BrowserCookie.NAME + "=" + session.browser().cookie(session.base(), BrowserCookie.NAME)
            .orElseThrow())
        .header("X-CSRF-Token", session.csrf()).header("Accept", "application/json");
    if (hostile.contentType() != null && !hostile.contentType().isEmpty()) {
      request.header("Content-Type", hostile.contentType());
    }
    request.method(hostile.method(), hostile.body().length == 0 && hostile.contentType() == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(hostile.body()));
    HttpResponse<String> answer;
    try {
      answer = sendUntilAdmitted(request.build());
    } catch (java.io.IOException reset) {
      return hostile.body().length > 500_000 ? Optional.empty()
          : Optional.of(hostile.name() + ": connection failed (" + reset.getClass().getSimpleName() + ")");
    }
    String name = hostile.name().length() > 120 ? hostile.name().substring(0, 120) + "…" : hostile.name();
    if (answer.statusCode() >= 500) {
      return Optional.of(name + ": " + answer.statusCode());
    }
    if (EXCEPTION_TEXT.matcher(answer.body()).find()) {
      return Optional.of(name + ": exception text in the answer");
    }
    if (!hostile.expected().isEmpty() && !hostile.expected().contains(answer.statusCode())) {
      return Optional.of(name + ": " + answer.statusCode() + ", expected " + hostile.expected() + " "
          + answer.body().substring(0, Math.min(200, answer.body().length())));
    }
    return Optional.empty();
  }

  /**
   * Sends the request again, as the pages do, while the session's share of the server is taken (429): on a busy
   * machine the server finishes an answered request a little after its client has read the answer and sent the next.
   */
  private static HttpResponse<String> sendUntilAdmitted(HttpRequest request) throws Exception {
    HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    for (int attempt = 1; answer.statusCode() == 429 && attempt <= 20; attempt++) {
      Thread.sleep(50L * attempt);
      answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
    return answer;
  }

  private static List<String> linkIds(String questionnaire) {
    Questionnaire form = ConformancePackage.fromClasspath(FhirContext.forR4Cached())
        .questionnaire("http://kapcompanion.org/fhir/Questionnaire/" + questionnaire).orElseThrow();
    List<String> linkIds = new ArrayList<>();
    collect(form.getItem(), linkIds);
    return linkIds;
  }

  private static void collect(List<Questionnaire.QuestionnaireItemComponent> items, List<String> linkIds) {
    for (Questionnaire.QuestionnaireItemComponent item : items) {
      if (item.getType() != Questionnaire.QuestionnaireItemType.GROUP) {
        linkIds.add(item.getLinkId());
      }
      collect(item.getItem(), linkIds);
    }
  }

  private static void awaitAllDelivered() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    com.google.gson.JsonObject status = session.status().json();
    while (Instant.now().isBefore(deadline) && status.get("pending").getAsInt() > 0) {
      Thread.sleep(250);
      status = session.status().json();
    }
    assertThat(status.get("pending").getAsInt()).as("entries still waiting: %s", status).isZero();
    assertThat(status.get("failed").getAsInt()).as("failed entries: %s", status).isZero();
  }

  /** Whether the app wrote it: the seeded session's resources carry ids of the patient's, the app's the server's. */
  private static boolean writtenByTheApp(Resource resource) {
    return !resource.getIdElement().getIdPart().startsWith(patient);
  }

  private static boolean carries(Resource resource, String entryId) {
    return identifiers(resource).stream().anyMatch(i -> entryId.equals(i.getValue()));
  }

  private static List<Identifier> identifiers(Resource resource) {
    return resource.getNamedProperty("identifier") == null ? List.of() : resource.getNamedProperty("identifier")
        .getValues().stream().filter(Identifier.class::isInstance).map(Identifier.class::cast).toList();
  }

  private static Optional<ReadingKind> kind(Observation observation) {
    return observation.getCode().getCoding().stream()
        .map(c -> ReadingKind.byCode(c.getSystem(), c.getCode())).flatMap(Optional::stream).findFirst();
  }
}
