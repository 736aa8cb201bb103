package org.kapcompanion.forms;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.session.QueryEncoding;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.StoredSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.writeback.ConformancePackage;
import org.kapcompanion.writeback.EntryIdentity;
import org.kapcompanion.writeback.ResourceValidator;
import org.kapcompanion.writeback.ValidationResult;

/**
 * Saving the preparation notes and the pre-dose checklist over real HTTP ends in the sandbox EHR as a new
 * QuestionnaireResponse, valid against its profile, with its Provenance.
 */
class FormSaveIT {

  private static final FhirContext FHIR = FhirContext.forR4();
  private static final String DECISIONS = "http://kapcompanion.org/fhir/CodeSystem/kap-prescriber-decision";
  private static TestEnvironment environment;
  private static ResourceValidator validator;

  @BeforeAll
  static void start() {
    environment = TestEnvironment.get();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    validator = new ResourceValidator(FHIR, ConformancePackage.fromClasspath(FHIR));
  }

  /** A launched session: its browser, base URL, CSRF token and a FHIR client with its access token. */
  private record Session(HttpBrowser browser, URI base, String csrf, IGenericClient fhir) {

    JsonObject save(String path, Map<String, String> fields) throws Exception {
      Map<String, String> form = new HashMap<>(fields);
      form.put("csrf", csrf);
      HttpBrowser.Page answer = browser.post(base.resolve(path), form);
      JsonObject json = JsonParser.parseString(answer.body()).getAsJsonObject();
      json.addProperty("httpStatus", answer.status());
      return json;
    }

    String awaitState(String id) throws Exception {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      while (Instant.now().isBefore(deadline)) {
        String body = browser.get(base.resolve("entries/status")).body();
        for (JsonElement entry : JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("entries")) {
          JsonObject item = entry.getAsJsonObject();
          if (item.get("id").getAsString().equals(id) && !"pending".equals(item.get("state").getAsString())) {
            return item.get("state").getAsString();
          }
        }
        Thread.sleep(200);
      }
      return "pending";
    }

    QuestionnaireResponse stored(String patient, String entryId) {
      Bundle found = fhir.search().byUrl("QuestionnaireResponse?subject=Patient/" + patient + "&identifier="
          + EntryIdentity.SYSTEM + "|" + entryId).returnBundle(Bundle.class)
          .withAdditionalHeader("Cache-Control", "no-cache").execute();
      assertThat(found.getEntry()).hasSize(1);
      return (QuestionnaireResponse) found.getEntryFirstRep().getResource();
    }

    List<Provenance> provenance(String patient, String entryId) {
      Bundle found = fhir.search().byUrl("Provenance?patient=" + patient + "&_tag=" + EntryIdentity.SYSTEM + "|"
          + entryId).returnBundle(Bundle.class).withAdditionalHeader("Cache-Control", "no-cache").execute();
      return found.getEntry().stream().map(e -> (Provenance) e.getResource()).toList();
    }
  }

  private static Session launch(String patient, String encounter) throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpBrowser.Page launcher = browser.get(environment.ehrOrigin());
    HttpBrowser.Page launched = browser.post(environment.ehrOrigin().resolve("launch"), Map.of("csrf",
        launcher.inputValue("csrf"), "client", TestEnvironment.PUBLIC_CLIENT, "practitioner", Launches.THERAPIST,
        "patient", patient, "mode", "window", "encounter", encounter));
    HttpBrowser.Page summary = browser.last(browser.follow(browser.get(launched.location().orElseThrow())));
    assertThat(summary.status()).isEqualTo(200);
    URI base = summary.url().resolve(summary.url().getPath());
    HttpBrowser.Page predose = browser.get(base.resolve("predose"));
    java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("data-csrf=\"([^\"]+)\"").matcher(predose.body());
    assertThat(csrf.find()).isTrue();
    String token = StoredSessions.session(TestEnvironment.PUBLIC_CLIENT, browser, summary).tokens().accessToken();
    IGenericClient client = FHIR.newRestfulGenericClient(environment.ehr().fhirBase().toString());
    client.registerInterceptor(new BearerTokenAuthInterceptor(token));
    client.registerInterceptor(new QueryEncoding());
    return new Session(browser, base, csrf.group(1), client);
  }

  private static void assertValidWithProvenance(Session session, String patient, String entryId,
      QuestionnaireResponse stored) {
    assertThat(validator.validate(stored)).isInstanceOf(ValidationResult.Valid.class);
    assertThat(session.provenance(patient, entryId)).singleElement()
        .satisfies(p -> assertThat(p.getAgentFirstRep().getWho().getReference()).endsWith(Launches.THERAPIST));
  }

  private static Map<String, String> predoseAnswers(String systolic, String diastolic) {
    Map<String, String> fields = new HashMap<>();
    for (String no : List.of("ci-vascular", "ci-intracerebral-haemorrhage", "ci-pregnancy", "ci-psychosis-mania",
        "ci-substance-use", "ci-hypertension", "ci-hypersensitivity", "consent-touch", "cssrs-positive",
        "misuse-craving", "misuse-outside-use", "misuse-more-requested", "ci-medical", "precaution-airway")) {
      fields.put(no, "false");
    }
    for (String yes : List.of("interactions-reviewed", "fasting", "no-substances", "consent-treatment", "escort")) {
      fields.put(yes, "true");
    }
    fields.putAll(Map.of("escort-name", "Sam Lee (partner) 555-0101", "phq9-total", "12",
        "baseline-systolic", systolic, "baseline-diastolic", diastolic, "baseline-heart-rate", "78",
        "baseline-taken-at", LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).minusMinutes(10).toString()));
    return fields;
  }

  @Test
  void savedPreparationNotesBecomeANewResponseInTheEhrAndAreShownWhenReopened() throws Exception {
    Session session = launch("kap-pt-03", "kap-pt-03-prep-01");
    String id = UUID.randomUUID().toString();
    String intention = "Intention written by FormSaveIT " + id;

    JsonObject answer = session.save("preparation/save", Map.of("entry", id, "intentions", intention,
        "readiness", "http://kapcompanion.org/fhir/CodeSystem/kap-readiness|ready", "transport", "Sister drives"));

    assertThat(answer.get("httpStatus").getAsInt()).isEqualTo(200);
    assertThat(answer.get("status").getAsString()).isEqualTo("completed");
    assertThat(session.awaitState(id)).isEqualTo("saved");
    QuestionnaireResponse stored = session.stored("kap-pt-03", id);
    assertThat(stored.getQuestionnaire()).isEqualTo(FormCatalog.PREPARATION);
    assertThat(stored.getEncounter().getReference()).isEqualTo("Encounter/kap-pt-03-prep-01");
    assertValidWithProvenance(session, "kap-pt-03", id, stored);
    assertThat(session.browser().get(session.base().resolve("preparation")).body()).contains(intention);
  }

  @Test
  void checklistAboveTheBloodPressureGateWithAPrescriberDecisionIsSavedCompletedWithWhoDecided() throws Exception {
    Session session = launch("kap-pt-04", "kap-pt-04-dose-01");
    String id = UUID.randomUUID().toString();
    Map<String, String> fields = predoseAnswers("162", "96");
    String decidedAt = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withSecond(0).withNano(0).toString();
    fields.putAll(Map.of("entry", id, "prescriber-decision", DECISIONS + "|proceed",
        "prescriber-name", "Dr Rivera (on call)", "prescriber-reason", "No symptoms; recheck at 40 minutes",
        "prescriber-decided-at", decidedAt));

    JsonObject answer = session.save("predose/save", fields);

    assertThat(answer.get("status").getAsString()).isEqualTo("completed");
    assertThat(session.awaitState(id)).isEqualTo("saved");
    QuestionnaireResponse stored = session.stored("kap-pt-04", id);
    assertThat(stored.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    org.kapcompanion.forms.Answers answers = ResponseMapper.fromResponse(stored);
    assertThat(answers.first("bp-above-gate").orElseThrow().primitiveValue()).isEqualTo("true");
    assertThat(answers.first("prescriber-name").orElseThrow().primitiveValue()).isEqualTo("Dr Rivera (on call)");
    assertThat(answers.first("prescriber-decided-at").orElseThrow().primitiveValue()).isNotBlank();
    assertValidWithProvenance(session, "kap-pt-04", id, stored);
    String reopened = session.browser().get(session.base().resolve("predose")).body();
    assertThat(reopened).contains("Showing the checklist saved today", "Dr Rivera (on call)");
  }

  @Test
  void incompleteChecklistIsSavedAsADraftInProgress() throws Exception {
    Session session = launch("kap-pt-04", "kap-pt-04-dose-01");
    String id = UUID.randomUUID().toString();
    Map<String, String> fields = predoseAnswers("162", "96");
    fields.put("entry", id);

    JsonObject answer = session.save("predose/save", fields);

    assertThat(answer.get("status").getAsString()).isEqualTo("in-progress");
    assertThat(answer.get("missing").getAsInt()).isEqualTo(4);
    assertThat(session.awaitState(id)).isEqualTo("saved");
    QuestionnaireResponse stored = session.stored("kap-pt-04", id);
    assertThat(stored.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
    assertValidWithProvenance(session, "kap-pt-04", id, stored);
  }

  @Test
  void handoutFillsTheClinicTemplateAndSaveWithoutAnEntryIdIsRefused() throws Exception {
    Session session = launch("kap-pt-01", "kap-pt-01-dose-01");
    String handout = session.browser().get(session.base().resolve("handout")).body();
    assertThat(handout).contains("Do not drive", "/assets/print.js").doesNotContain("{{", "<script>");
    assertThat(session.save("predose/save", Map.of("entry", "not-a-uuid")).get("httpStatus").getAsInt())
        .isEqualTo(400);
  }
}
