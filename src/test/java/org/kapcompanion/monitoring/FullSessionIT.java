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
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.web.BrowserCookie;
import org.kapcompanion.writeback.SessionClient;

/**
 * A whole KAP session over real HTTP against the sandbox, as the pages send it: preparation notes, the pre-dose
 * checklist (start is refused until it is complete), dose, six monitoring rounds with one blood-pressure alert,
 * notes, an adverse event, discharge and the integration plan; then the sandbox holds exactly the expected
 * resources, each valid against its profile and each with its Provenance.
 */
class FullSessionIT {

  private static final String PATIENT = "kap-pt-05";
  private static final String LAUNCH_ENCOUNTER = "kap-pt-05-integ-03";
  private static final String PATIENT_WITHOUT_ENCOUNTER = "kap-it-no-launch-encounter";
  private final TestEnvironment environment = TestEnvironment.get();

  @Test
  void fullSessionLeavesExactlyTheExpectedResourcesInTheEhr() throws Exception {
    wholeSession(PATIENT, LAUNCH_ENCOUNTER);
  }

  /**
   * A launch without an encounter (the launcher's default, as many EHR launches arrive) completes the same session:
   * the forms are saved without an encounter, the dosing session is the app's own Encounter, and the pages say so.
   */
  @Test
  void launchWithoutAnEncounterCompletesAWholeSession() throws Exception {
    SandboxSessions.of(environment).patient(PATIENT_WITHOUT_ENCOUNTER, "Noa Ferreira-Lind");

    wholeSession(PATIENT_WITHOUT_ENCOUNTER, null);
  }

  private void wholeSession(String patient, String launchEncounter) throws Exception {
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    SessionClient session = SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, patient,
        launchEncounter);
    SandboxRecord ehr = SandboxRecord.forSession(environment, session.handle(),
        session.browser().cookie(session.base(), BrowserCookie.NAME).orElseThrow());
    List<String> forms = new ArrayList<>();
    if (launchEncounter == null) {
      assertThat(page(session, "preparation")).contains("id=\"no-launch-encounter\"",
          "This launch came without an encounter");
    } else {
      assertThat(page(session, "preparation")).doesNotContain("no-launch-encounter");
    }

    forms.add(saveForm(session, "preparation/save", Map.of("intentions", "Sleep through the night again",
        "readiness", "http://kapcompanion.org/fhir/CodeSystem/kap-readiness|ready", "transport", "Partner drives"),
        "completed"));
    assertThat(page(session, "session")).contains("Start session", "pre-dose checklist has not been saved yet");
    forms.add(saveForm(session, "predose/save", predoseWithoutAnEscort(), "in-progress"));
    assertThat(page(session, "session")).contains("id=\"start-blockers\"", "No escort home is arranged.")
        .doesNotContain("has not been saved yet");
    Map<String, String> predose = new HashMap<>(predoseWithoutAnEscort());
    predose.putAll(Map.of("escort", "true", "escort-name", "Sam Doe (partner) 555-0101"));
    forms.add(saveForm(session, "predose/save", predose, "completed"));
    awaitAllSaved(session);
    assertThat(page(session, "session")).doesNotContain("id=\"start-blockers\"");

    HttpBrowser.Page started = session.browser().post(session.base().resolve("session/start"),
        Map.of("csrf", session.csrf()));
    assertThat(started.status()).isEqualTo(302);
    assertThat(page(session, "session")).contains("Record the dose");

    Instant dose = Instant.now().minus(130, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
    List<String> ids = new ArrayList<>();
    save(session, ids, "dose", dose, Map.of("drug", "6130", "mg", 50, "route", "78421000", "lot", "KX24117"));
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
        assertThat(page(session, "session?part=live"))
            .contains("class=\"card alert\"", "Blood pressure above threshold", "184/112");
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

    String planEntry = UUID.randomUUID().toString();
    HttpBrowser.Page plan = session.browser().post(session.base().resolve("integration"), integrationPlan(session,
        planEntry));
    assertThat(plan.status()).as(plan.body()).isEqualTo(302);
    awaitAllSaved(session);

    new WrittenSession(ehr, patient, launchEncounter).assertHolds(new WrittenSession.Expected(forms, planEntry,
        6 * 6 + 2 + 1 + 2, "bp-high", ids));
  }

  /** Saves a form page's answers as the page does and returns the entry id; the answer says how it was saved. */
  private static String saveForm(SessionClient session, String path, Map<String, String> answers, String status)
      throws IOException, InterruptedException {
    String id = UUID.randomUUID().toString();
    Map<String, String> form = new HashMap<>(answers);
    form.putAll(Map.of("csrf", session.csrf(), "entry", id));
    HttpBrowser.Page saved = session.browser().post(session.base().resolve(path), form);
    assertThat(saved.status()).as(path + ": " + saved.body()).isEqualTo(200);
    assertThat(saved.body()).contains("\"status\":\"" + status + "\"");
    return id;
  }

  /** A pre-dose checklist with normal vitals, all screens negative, but no escort arranged yet. */
  private static Map<String, String> predoseWithoutAnEscort() {
    Map<String, String> fields = new HashMap<>();
    for (String no : List.of("ci-vascular", "ci-intracerebral-haemorrhage", "ci-pregnancy", "ci-psychosis-mania",
        "ci-substance-use", "ci-hypertension", "ci-hypersensitivity", "consent-touch", "cssrs-positive", "escort")) {
      fields.put(no, "false");
    }
    for (String yes : List.of("interactions-reviewed", "fasting", "no-substances", "consent-treatment")) {
      fields.put(yes, "true");
    }
    fields.putAll(Map.of("phq9-total", "12", "baseline-systolic", "128", "baseline-diastolic", "82",
        "baseline-heart-rate", "76"));
    return fields;
  }

  /** The integration plan form as a therapist fills it in: one goal, a practice, a follow-up, a re-measurement. */
  private static Map<String, String> integrationPlan(SessionClient session, String planEntry) {
    String inAMonth = java.time.LocalDate.now().plusMonths(1).toString();
    Map<String, String> form = new HashMap<>(Map.of("csrf", session.csrf(), "entry", planEntry,
        "plan.entry", planEntry, "goal.0.entry", UUID.randomUUID().toString(),
        "goal.0.intention", "Sleep through the night again", "goal.0.insight", "Rest came when I stopped fighting",
        "goal.0.text", "Wind down without screens 5 nights a week", "goal.0.target", inAMonth,
        "practice", "journaling", "support", "Partner; Tuesday peer group"));
    form.putAll(Map.of("themes", "Letting go of control", "followup.0.label", "24 hours",
        "followup.0.date", java.time.LocalDate.now().plusDays(1).toString(), "followup.0.keep", "on",
        "measure.PHQ9", "on", "measure.PHQ9.date", inAMonth));
    return form;
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
      } else if (value instanceof Number number) {
        body.addProperty(name, number);
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
}
