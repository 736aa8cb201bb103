package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.web.BrowserCookie;
import org.kapcompanion.writeback.EntryIdentity;
import org.kapcompanion.writeback.SessionClient;
import org.kapcompanion.writeback.SharedValidator;
import org.kapcompanion.writeback.ValidationResult;

/**
 * A whole dosing session over real HTTP against the sandbox: start after a completed pre-dose checklist, dose, six
 * monitoring rounds with one blood-pressure alert, notes, an adverse event and discharge; then the sandbox holds
 * exactly the expected resources, each valid against its profile and each with its Provenance.
 */
class DosingSessionIT {

  private static final String PATIENT = "kap-pt-05";
  private final TestEnvironment environment = TestEnvironment.get();

  @Test
  void fullDosingSessionLeavesExactlyTheExpectedResourcesInTheEhr() throws Exception {
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    SessionClient session = SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, PATIENT, null);
    SandboxRecord ehr = SandboxRecord.forSession(environment, session.handle(),
        session.browser().cookie(session.base(), BrowserCookie.NAME).orElseThrow());

    assertThat(page(session, "session")).contains("Start session", "pre-dose checklist is not complete");
    ehr.completePredose(PATIENT);
    assertThat(page(session, "session")).doesNotContain("pre-dose checklist is not complete");

    HttpBrowser.Page started = session.browser().post(session.base().resolve("session/start"),
        Map.of("csrf", session.csrf()));
    assertThat(started.status()).isEqualTo(302);
    assertThat(page(session, "session")).contains("Record the dose");

    Instant dose = Instant.now().minus(130, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
    List<String> ids = new ArrayList<>();
    save(session, ids, "dose", dose, Map.of("drug", "6130", "mg", "50", "route", "78421000", "lot", "KX24117"));
    int[][] rounds = {{0, 128, 82, 76, 98}, {15, 150, 95, 92, 97}, {40, 184, 112, 104, 96}, {45, 186, 114, 100, 97},
        {60, 150, 92, 88, 98}, {120, 126, 80, 74, 99}};
    int[] moaas = {5, 3, 4, 4, 5, 5};
    for (int i = 0; i < rounds.length; i++) {
      Instant at = dose.plus(rounds[i][0], ChronoUnit.MINUTES);
      save(session, ids, "bp", at, Map.of("value", rounds[i][1], "second", rounds[i][2]));
      save(session, ids, "hr", at, Map.of("value", rounds[i][3]));
      save(session, ids, "spo2", at, Map.of("value", rounds[i][4]));
      save(session, ids, "rr", at, Map.of("value", 14));
      save(session, ids, "moaas", at, Map.of("value", moaas[i]));
      save(session, ids, "dissociation", at, Map.of("value", i < 4 ? 2 : 0));
      if (i == 3) {
        assertThat(page(session, "session?part=live")).contains("class=\"card alert\"", "Blood pressure above threshold",
            "184/112");
        page(session, "session?part=live");
      }
    }
    save(session, ids, "suds", dose.plus(20, ChronoUnit.MINUTES), Map.of("value", 4));
    save(session, ids, "nausea", dose.plus(25, ChronoUnit.MINUTES), Map.of("value", 1));
    save(session, ids, "adverse-event", dose.plus(26, ChronoUnit.MINUTES), Map.of("code", "422400008",
        "text", "Vomited once; settled within 10 minutes."));
    save(session, ids, "note", dose.plus(30, ChronoUnit.MINUTES), Map.of("text", "Tearful, then calm.",
        "tags", List.of("emotional-release")));
    save(session, ids, "note", dose.plus(50, ChronoUnit.MINUTES), Map.of("text", "Grounding with breath.",
        "tags", List.of("grounding-used", "breathwork")));

    String workspace = page(session, "session");
    assertThat(workspace).contains("Alert: Blood pressure above threshold").doesNotContain("class=\"card alert\"");

    String discharge = page(session, "discharge");
    assertThat(discharge).contains("from the record", "Save discharge checklist");
    Map<String, String> form = new HashMap<>(Map.of("csrf", session.csrf(), "entry", value(discharge, "entry"),
        "sedation-resolved", "true", "dissociation-resolved", "true", "bp-acceptable", "true",
        "clinically-stable", "true", "responsible-adult", "true", "responsible-adult-name", "Sam Doe",
        "no-driving", "true", "recovery-instructions", "true"));
    form.put("ready-to-leave-time", LocalDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES)
        .toString());
    form.put("discharge-systolic", "126");
    form.put("discharge-diastolic", "80");
    HttpBrowser.Page discharged = session.browser().post(session.base().resolve("discharge"), form);
    assertThat(discharged.status()).as(discharged.body()).isEqualTo(302);
    assertThat(page(session, "discharge")).contains("Discharged", "/handout");

    awaitAllSaved(session);

    Encounter encounter = only(ehr, "Encounter?patient=" + PATIENT + "&type=" + EntryMapping.SESSION_TYPES + "|"
        + EntryMapping.SESSION_KIND + "&date=ge" + java.time.LocalDate.now());
    assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
    assertThat(encounter.getPeriod().hasEnd()).isTrue();
    String ref = "Encounter/" + encounter.getIdPart();
    List<Resource> observations = ehr.search("Observation?encounter=" + ref + "&patient=" + PATIENT);
    List<Resource> doses = ehr.search("MedicationAdministration?context=" + ref + "&patient=" + PATIENT);
    List<Resource> flags = ehr.search("Flag?encounter=" + ref + "&patient=" + PATIENT);
    List<Resource> checklists = ehr.search("QuestionnaireResponse?encounter=" + ref + "&patient=" + PATIENT);
    assertThat(doses).hasSize(1);
    assertThat(observations).hasSize(6 * 6 + 2 + 1 + 2);
    assertThat(flags).singleElement().satisfies(flag -> assertThat(((org.hl7.fhir.r4.model.Flag) flag).getCode()
        .getCodingFirstRep().getCode()).isEqualTo("bp-high"));
    assertThat(checklists).hasSize(1);

    List<Resource> written = new ArrayList<>(observations);
    written.addAll(doses);
    written.addAll(flags);
    written.addAll(checklists);
    written.add(encounter);
    for (Resource resource : written) {
      ValidationResult result = SharedValidator.VALIDATOR.validate(resource);
      assertThat(result.isValid()).as(resource.getResourceType() + " " + result).isTrue();
      assertThat(provenances(ehr, entryId(resource))).as("Provenance of " + resource.getResourceType())
          .isGreaterThanOrEqualTo(1);
    }
    assertThat(ids).allSatisfy(id -> assertThat(written.stream().map(DosingSessionIT::entryId)).contains(id));
    int total = 0;
    for (Resource resource : written) {
      total += provenances(ehr, entryId(resource));
    }
    assertThat(total).isEqualTo(written.size());
    assertThat(ehr.search("Provenance?target=" + ref + "&patient=" + PATIENT)).as("the session's create and its update to finished").hasSize(2);
  }

  private static void save(SessionClient session, List<String> ids, String kind, Instant at, Map<String, Object> values)
      throws IOException, InterruptedException {
    JsonObject body = new JsonObject();
    String id = UUID.randomUUID().toString();
    body.addProperty("id", id);
    body.addProperty("kind", kind);
    body.addProperty("effective", at.toString());
    values.forEach((name, value) -> {
      if (value instanceof List<?> list) {
        com.google.gson.JsonArray array = new com.google.gson.JsonArray();
        list.forEach(item -> array.add(item.toString()));
        body.add(name, array);
      } else {
        body.addProperty(name, value.toString());
      }
    });
    SessionClient.Response answer = session.post("session/entries", body.toString());
    assertThat(answer.status()).as(kind + ": " + answer.body()).isEqualTo(200);
    ids.add(id);
  }

  private static String page(SessionClient session, String path) throws IOException, InterruptedException {
    HttpBrowser.Page page = session.browser().get(session.base().resolve(path));
    assertThat(page.status()).as(path).isEqualTo(200);
    return page.body();
  }

  private static String value(String html, String name) {
    Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
    assertThat(matcher.find()).as(name).isTrue();
    return matcher.group(1);
  }

  private static void awaitAllSaved(SessionClient session) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      JsonObject status = session.status().json();
      if (status.get("pending").getAsInt() == 0 && status.get("failed").getAsInt() == 0) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("entries still pending: " + session.status().body());
  }

  private static Encounter only(SandboxRecord ehr, String query) {
    List<Resource> found = ehr.search(query);
    assertThat(found).hasSize(1);
    return (Encounter) found.get(0);
  }

  private static int provenances(SandboxRecord ehr, String entryId) {
    return ehr.search("Provenance?patient=" + PATIENT + "&_tag=" + EntryIdentity.SYSTEM + "|" + entryId).size();
  }

  private static String entryId(Resource resource) {
    if (resource instanceof QuestionnaireResponse response) {
      return response.getIdentifier().getValue();
    }
    return SessionRecord.entryId(resource).orElseGet(() -> ((DomainResource) resource).getId());
  }
}
