package org.kapcompanion.writeback;

import org.kapcompanion.monitoring.SessionNote;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Goal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the writer talks to servers of different abilities, and how it reads their answers. */
class FhirWriterIT {

  private final List<String> requests = new ArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void serverWithoutConditionalCreateIsSearchedFirstAndAnExistingEntryIsNotSentAgain() throws IOException {
    start("capabilities-plain-create.json", Map.of("GET /fhir/Observation", new Answer(200,
        "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
            + "{\"resourceType\":\"Observation\",\"id\":\"77\",\"status\":\"final\",\"code\":{}}}]}", Map.of()),
        "POST /fhir/Provenance", new Answer(201, "", Map.of("Location", "Provenance/5/_history/1")),
        "GET /fhir/Provenance", new Answer(200, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}", Map.of())));

    WriteOutcome outcome = write();

    assertThat(outcome).isEqualTo(new WriteOutcome.Written("Observation/77", Optional.empty()));
    assertThat(requests).noneMatch(r -> r.startsWith("POST /fhir/Observation"));
    assertThat(requests).anyMatch(r -> r.startsWith("GET /fhir/Observation?identifier="));
    assertThat(requests).anyMatch(r -> r.startsWith("POST /fhir/Provenance"));
  }

  @Test
  void serverWithoutTransactionsGetsConditionalCreatesWithTheEntryIdentifier() throws IOException {
    start("capabilities-conditional-create.json", Map.of(
        "POST /fhir/Observation", new Answer(201, "", Map.of("Location", "http://ehr.example/fhir/Observation/9/_history/1")),
        "POST /fhir/Provenance", new Answer(201, "", Map.of("Location", "Provenance/10/_history/1"))));

    WriteOutcome outcome = write();

    assertThat(outcome).isEqualTo(new WriteOutcome.Written("Observation/9", Optional.empty()));
    assertThat(requests).anyMatch(r -> r.startsWith("POST /fhir/Observation If-None-Exist: identifier="
        + EntryIdentity.SYSTEM + "|"));
    assertThat(requests).anyMatch(r -> r.startsWith("POST /fhir/Provenance If-None-Exist: _tag="
        + EntryIdentity.SYSTEM + "|") && r.contains("Observation/9"));
  }

  @Test
  void serverWithoutProvenanceWritesTheEntryAndSaysWhatWasSkipped() throws IOException {
    start("capabilities-no-provenance.json", Map.of("POST /fhir/", new Answer(200,
        "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\",\"entry\":[{\"response\":"
            + "{\"status\":\"201\",\"location\":\"Observation/3/_history/1\"}}]}", Map.of())));

    WriteOutcome outcome = write();

    assertThat(outcome).isInstanceOf(WriteOutcome.Written.class);
    assertThat(((WriteOutcome.Written) outcome).skipped()).get().asString().contains("Provenance");
    assertThat(requests).singleElement().asString().doesNotContain("\"Provenance\"");
  }

  @Test
  void rejectionWithAnOperationOutcomeIsExplainedAndNotRetried() throws IOException {
    start("capabilities-transaction.json", Map.of("POST /fhir/", new Answer(422,
        "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\","
            + "\"diagnostics\":\"Observation.encounter: unknown Encounter\"}]}", Map.of())));

    WriteOutcome outcome = write();

    assertThat(outcome).isEqualTo(new WriteOutcome.Rejected("the EHR refused the entry (422)",
        Optional.of("Observation.encounter: unknown Encounter")));
    assertThat(((WriteOutcome.Rejected) outcome).reason())
        .isEqualTo("the EHR refused the entry (422): Observation.encounter: unknown Encounter");
  }

  @Test
  void answersAreClassified() throws IOException {
    assertThat(outcomeFor(429, Map.of("Retry-After", "7")))
        .isEqualTo(new WriteOutcome.Retry("EHR answered 429", Optional.of(Duration.ofSeconds(7))));
    assertThat(outcomeFor(503, Map.of())).isInstanceOf(WriteOutcome.Retry.class);
    assertThat(outcomeFor(408, Map.of())).isInstanceOf(WriteOutcome.Retry.class);
    assertThat(outcomeFor(401, Map.of())).isInstanceOf(WriteOutcome.Unauthorized.class);
    assertThat(outcomeFor(412, Map.of())).isInstanceOf(WriteOutcome.Conflict.class);
    assertThat(outcomeFor(403, Map.of())).isInstanceOf(WriteOutcome.Rejected.class);
  }

  @Test
  void retryAfterAsAnHttpDateIsTheWaitUntilThatTime() throws IOException {
    String inThirtySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));

    WriteOutcome outcome = outcomeFor(503, Map.of("Retry-After", inThirtySeconds));

    assertThat(((WriteOutcome.Retry) outcome).after()).get()
        .satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31)));
  }

  @Test
  void unreachableServerIsRetried() throws IOException {
    start("capabilities-transaction.json", Map.of());
    server.stop(0);

    assertThat(write()).isInstanceOf(WriteOutcome.Retry.class);
  }

  @Test
  void serverWithoutCarePlanGetsTheFallbackDocumentAndTheUserIsTold() throws IOException {
    start("capabilities-no-careplan.json", Map.of("POST /fhir/", new Answer(200,
        "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\",\"entry\":[{\"response\":"
            + "{\"status\":\"201\",\"location\":\"DocumentReference/3/_history/1\"}}]}", Map.of())));
    String entryId = UUID.randomUUID().toString();
    DocumentReference document = new DocumentReference();
    document.addIdentifier(EntryIdentity.of(entryId));
    Entry plan = Entry.create(entryId, "integration-plan", new CarePlan().addIdentifier(EntryIdentity.of(entryId)))
        .orElse(Entry.Fallback.writeInstead(document, "written as a document because this EHR does not accept care plans"));

    WriteOutcome outcome = write(plan);

    assertThat(outcome).isEqualTo(new WriteOutcome.Written("DocumentReference/3",
        Optional.of("written as a document because this EHR does not accept care plans")));
    assertThat(requests).singleElement().asString().contains("\"DocumentReference\"", "\"Provenance\"",
        "\"ifNoneExist\":\"identifier=" + EntryIdentity.SYSTEM + "|" + entryId).doesNotContain("\"CarePlan\"");
  }

  @Test
  void updateTheServerDoesNotTakeIsWrittenAsTheFallbackDocument() throws IOException {
    start("capabilities-no-careplan.json", Map.of("POST /fhir/", new Answer(200,
        "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\",\"entry\":[{\"response\":"
            + "{\"status\":\"201\",\"location\":\"DocumentReference/4/_history/1\"}}]}", Map.of())));
    String entryId = UUID.randomUUID().toString();
    Entry edit = Entry.update(entryId, "integration-plan", new CarePlan(), "CarePlan/5", Optional.of("2"))
        .orElse(Entry.Fallback.writeInstead(new DocumentReference().addIdentifier(EntryIdentity.of(entryId)),
            "written as a document"));

    WriteOutcome outcome = write(edit);

    assertThat(outcome).isEqualTo(new WriteOutcome.Written("DocumentReference/4", Optional.of("written as a document")));
    assertThat(requests).singleElement().asString().contains("\"method\":\"POST\"")
        .doesNotContain("CarePlan/5");
  }

  @Test
  void entryWhoseFallbackIsToSkipIsDoneWithoutARequestAndSaysWhy() throws IOException {
    start("capabilities-no-careplan.json", Map.of());
    Entry goal = Entry.create(UUID.randomUUID().toString(), "integration-goal", new Goal())
        .orElse(Entry.Fallback.skip("the goal is in the plan's text"));

    assertThat(write(goal)).isEqualTo(new WriteOutcome.Written("", Optional.of("the goal is in the plan's text")));
    assertThat(requests).isEmpty();
  }

  @Test
  void typeTheServerDoesNotTakeWithoutAFallbackIsRejected() throws IOException {
    start("capabilities-no-careplan.json", Map.of());

    assertThat(write(Entry.create(UUID.randomUUID().toString(), "integration-goal", new Goal())))
        .isEqualTo(new WriteOutcome.Rejected("this EHR does not accept Goal writes"));
  }

  @Test
  void fallbackSurvivesTheOutbox() {
    String entryId = UUID.randomUUID().toString();
    EntryContext context = new EntryContext("p1", Optional.empty(), Optional.of("Practitioner/t1"));
    EntryResources stored = EntryResources.of(Entry.create(entryId, "integration-plan",
        new CarePlan().setStatus(CarePlan.CarePlanStatus.ACTIVE))
        .orElse(Entry.Fallback.writeInstead(new DocumentReference().setDescription("plan"), "as a document")),
        context, Instant.now());

    EntryResources back = EntryResources.fromBundle(entryId, SandboxFhir.FHIR.newJsonParser().parseResource(
        Bundle.class, SandboxFhir.FHIR.newJsonParser().encodeResourceToString(stored.toBundle())));

    assertThat(back.fallback()).hasValueSatisfying(f -> {
      assertThat(f.note()).isEqualTo("as a document");
      assertThat(f.alternative()).get().isInstanceOf(DocumentReference.class);
    });
    assertThat(back.provenance()).isPresent();
    assertThat(back.target()).isInstanceOf(CarePlan.class);
  }

  private WriteOutcome outcomeFor(int status, Map<String, String> headers) throws IOException {
    if (server != null) {
      server.stop(0);
    }
    start("capabilities-transaction.json", Map.of("POST /fhir/", new Answer(status, "", headers)));
    return write();
  }

  private WriteOutcome write() {
    SessionNote note = new SessionNote(UUID.randomUUID().toString(), Instant.now(), "note", List.of());
    EntryContext context = new EntryContext("p1", Optional.of("e1"),
        Optional.of("Practitioner/t1"));
    return write(TestNotes.entry(note, context));
  }

  private WriteOutcome write(Entry written) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    FhirWriter writer = new FhirWriter(http, SandboxFhir.FHIR,
        new Capabilities(http, SandboxFhir.FHIR, Clock.systemUTC(), Duration.ofSeconds(5)), Duration.ofSeconds(5),
        Clock.systemUTC());
    EntryContext context = new EntryContext("p1", Optional.of("e1"), Optional.of("Practitioner/t1"));
    EntryResources entry = EntryResources.of(written, context, Instant.now());
    return writer.write(new FhirWriter.Credentials(URI.create(base()), "token"), entry);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/";
  }

  private record Answer(int status, String body, Map<String, String> headers) {}

  private void start(String capabilities, Map<String, Answer> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> answer(exchange, capabilities, answers));
    server.start();
  }

  private void answer(HttpExchange exchange, String capabilities, Map<String, Answer> answers) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Answer answer;
    if (path.endsWith("/metadata")) {
      try (InputStream in = getClass().getResourceAsStream("/writeback/" + capabilities)) {
        answer = new Answer(200, new String(in.readAllBytes(), StandardCharsets.UTF_8), Map.of());
      }
    } else {
      String ifNoneExist = exchange.getRequestHeaders().getFirst("If-None-Exist");
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI()
          + (ifNoneExist == null ? "" : " If-None-Exist: " + ifNoneExist) + " " + body);
      answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path, new Answer(404, "", Map.of()));
    }
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }
}
