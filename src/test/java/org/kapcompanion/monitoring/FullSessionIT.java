package org.kapcompanion.monitoring;

import org.kapcompanion.testing.SandboxRecord;
import org.kapcompanion.testing.DosingClient;
import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.html.escape.Escape;
import gg.jte.output.StringOutput;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.vocabulary.AdverseEventCode;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.web.BrowserCookie;
import org.kapcompanion.writeback.EntryIdentity;
import org.kapcompanion.writeback.FallbackNotes;
import org.kapcompanion.writeback.SessionClient;

/**
 * A whole KAP session over real HTTP against the sandbox, as the pages send it: preparation notes, the pre-dose
 * checklist (start is refused until it is complete), dose, six monitoring rounds with one blood-pressure alert,
 * notes, an adverse event, discharge and the integration plan; then the sandbox holds exactly the expected
 * resources, each valid against its profile and each with its Provenance where the EHR takes one. It runs against
 * every sandbox persona: {@code strict}, and the vendor-like {@code epic-like} and {@code oracle-like}, where the
 * app says per entry what it wrote instead (a document for the plan, no Provenance).
 */
class FullSessionIT {

  private static final String PATIENT = "kap-pt-05";
  private static final String LAUNCH_ENCOUNTER = "kap-pt-05-integ-03";
  private static final String PATIENT_WITHOUT_ENCOUNTER = "kap-it-no-launch-encounter";
  /** A seeded patient with no dosing session yet, for a vendor persona's sandbox, which takes no test fixtures. */
  private static final String SEEDED_PATIENT_WITHOUT_SESSIONS = "kap-pt-06";

  @ParameterizedTest
  @ValueSource(strings = {"strict", "epic-like", "oracle-like"})
  void fullSessionLeavesExactlyTheExpectedResourcesInTheEhr(String persona) throws Exception {
    wholeSession(TestEnvironment.of(persona), PATIENT, LAUNCH_ENCOUNTER);
  }

  /**
   * A launch without an encounter (the launcher's default, as many EHR launches arrive) completes the same session:
   * the forms are saved without an encounter, the dosing session is the app's own Encounter, and the pages say so.
   */
  @ParameterizedTest
  @ValueSource(strings = {"strict", "epic-like", "oracle-like"})
  void launchWithoutAnEncounterCompletesAWholeSession(String persona) throws Exception {
    TestEnvironment environment = TestEnvironment.of(persona);
    String patient = SEEDED_PATIENT_WITHOUT_SESSIONS;
    if (persona.equals(TestEnvironment.STRICT)) {
      patient = PATIENT_WITHOUT_ENCOUNTER;
      SandboxSessions.of(environment).patient(patient, "Noa Ferreira-Lind");
    }

    wholeSession(environment, patient, null);
  }

  private void wholeSession(TestEnvironment environment, String patient, String launchEncounter) throws Exception {
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    SessionClient session = SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, patient,
        launchEncounter);
    SandboxRecord ehr = SandboxRecord.forSession(environment, session.handle(),
        session.browser().cookie(session.base(), BrowserCookie.NAME).orElseThrow());
    DosingClient dosing = new DosingClient(session);
    List<String> forms = new ArrayList<>();
    if (launchEncounter == null) {
      assertThat(dosing.page("preparation")).contains("id=\"no-launch-encounter\"",
          "This launch came without an encounter");
    } else {
      assertThat(dosing.page("preparation")).doesNotContain("no-launch-encounter");
    }

    List<String> notesBeforeTheSession = new ArrayList<>();
    if (launchEncounter == null) {
      dosing.save(notesBeforeTheSession, "note", Instant.now().truncatedTo(ChronoUnit.SECONDS),
          Map.of("text", "Arrived calm; partner waiting.", "tags", List.of("grounding-used")));
    }
    forms.add(dosing.saveForm("preparation/save", Map.of("intentions", "Sleep through the night again",
        "readiness", "http://kapcompanion.org/fhir/CodeSystem/kap-readiness|ready", "transport", "Partner drives"),
        "completed"));
    assertThat(dosing.page("session")).contains("Start session", "pre-dose checklist has not been saved yet");
    forms.add(dosing.saveForm("predose/save", DosingClient.predose(false), "in-progress"));
    assertThat(dosing.page("session")).contains("id=\"start-blockers\"", "No escort home is arranged.")
        .doesNotContain("has not been saved yet");
    forms.add(dosing.saveForm("predose/save", DosingClient.predose(true), "completed"));
    dosing.awaitAllSaved();
    assertThat(dosing.page("session")).doesNotContain("id=\"start-blockers\"");

    HttpBrowser.Page started = dosing.start();
    assertThat(started.status()).isEqualTo(302);
    dosing.awaitAllSaved();
    ehr.backdateRunningSession(patient, Duration.ofMinutes(135));
    String running = dosing.page("session");
    assertThat(running).contains("Record the dose");
    for (ReadingKind kind : ReadingKind.enteredOnDosingPage()) {
      assertThat(running).as(kind.toString()).contains("id=\"" + kind.key() + "-form\"", kind.formLabel());
    }
    assertThat(running).as("numbers typed as text, so a decimal comma reaches the server").doesNotContain(
        "type=\"number\"");
    assertThat(running).doesNotContain("id=\"cadss-form\"");
    for (AdverseEventCode event : AdverseEventCode.values()) {
      assertThat(running).as(event.toString()).contains("<option value=\"" + event.code().code() + "\">"
          + event.label() + "</option>", "data-ae-code=\"" + event.code().code() + "\"", html(event.response()));
    }

    Instant dose = Instant.now().minus(130, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
    List<String> ids = new ArrayList<>();
    dosing.save(ids, "dose", dose, Map.of("drug", "6130", "mg", 50, "route", "78421000", "lot", "KX24117"));
    int[][] rounds = {{0, 128, 82, 76, 98}, {15, 150, 95, 92, 97}, {40, 184, 112, 104, 96}, {45, 186, 114, 100, 97},
        {60, 150, 92, 88, 98}, {120, 126, 80, 74, 99}};
    int[] moaas = {5, 3, 4, 4, 5, 5};
    for (int i = 0; i < rounds.length; i++) {
      Instant at = dose.plus(rounds[i][0], ChronoUnit.MINUTES);
      dosing.save(ids, "bp", at, Map.of("value", rounds[i][1], "second", rounds[i][2]));
      dosing.save(ids, "hr", at, Map.of("value", rounds[i][3]));
      dosing.save(ids, "spo2", at, Map.of("value", rounds[i][4]));
      dosing.save(ids, "rr", at, Map.of("value", 14));
      dosing.save(ids, "moaas", at, Map.of("value", moaas[i]));
      dosing.save(ids, "dissociation", at, Map.of("value", i < 4 ? 2 : 0));
      if (i == 3) {
        assertThat(dosing.page("session?part=live"))
            .contains("id=\"alert-bar\"", "Blood pressure above threshold", "184/112");
        dosing.page("session?part=live");
      }
    }
    dosing.save(ids, "suds", dose.plus(20, ChronoUnit.MINUTES), Map.of("value", 4));
    dosing.save(ids, "nausea", dose.plus(25, ChronoUnit.MINUTES), Map.of("value", 1));
    dosing.save(ids, "adverse-event", dose.plus(26, ChronoUnit.MINUTES), Map.of("code", "422400008",
        "text", "Vomited once; settled within 10 minutes."));
    dosing.save(ids, "note", dose.plus(30, ChronoUnit.MINUTES), Map.of("text", "Tearful, then calm.",
        "tags", List.of("emotional-release")));
    dosing.save(ids, "note", dose.plus(50, ChronoUnit.MINUTES), Map.of("text", "Grounding with breath.",
        "tags", List.of("grounding-used", "breathwork")));

    String workspace = dosing.page("session");
    assertThat(workspace).contains("Alert: Blood pressure above threshold", "now back within limits");

    String discharge = dosing.page("discharge");
    assertThat(discharge).contains("from the record", "Save discharge checklist");
    Map<String, String> form = new HashMap<>(Map.of("csrf", session.csrf(), "entry", DosingClient.value(discharge, "entry"),
        "sedation-resolved", "true", "dissociation-resolved", "true", "bp-acceptable", "true",
        "clinically-stable", "true", "responsible-adult", "true", "responsible-adult-name", "Sam Doe",
        "no-driving", "true", "recovery-instructions", "true"));
    form.put("ready-to-leave-time", LocalDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES)
        .toString());
    form.put("discharge-systolic", "126");
    form.put("discharge-diastolic", "80");
    HttpBrowser.Page discharged = session.browser().post(session.base().resolve("discharge"), form);
    assertThat(discharged.status()).as(discharged.body()).isEqualTo(302);
    assertThat(dosing.page("discharge")).contains("Discharged", "/handout");

    String planEntry = UUID.randomUUID().toString();
    String goalEntry = UUID.randomUUID().toString();
    HttpBrowser.Page plan = session.browser().post(session.base().resolve("integration"), integrationPlan(session,
        planEntry, goalEntry));
    assertThat(plan.status()).as(plan.body()).isEqualTo(302);
    dosing.awaitAllSaved();

    WrittenSession.Ehr takes = WrittenSession.Ehr.of(environment.persona());
    new WrittenSession(ehr, patient, launchEncounter, takes).assertHolds(new WrittenSession.Expected(forms, planEntry,
        goalEntry, 6 * 6 + 2 + 1 + 2, "bp-high", ids));
    for (String note : notesBeforeTheSession) {
      assertThat(ehr.search("Observation?patient=" + patient + "&identifier=" + EntryIdentity.SYSTEM + "|" + note))
          .as("a note taken before the session in a launch without an encounter").singleElement()
          .satisfies(written -> assertThat(((org.hl7.fhir.r4.model.Observation) written).hasEncounter()).isFalse());
    }
    String saved = session.status().json().getAsJsonArray("entries").toString();
    assertThat(saved.contains(FallbackNotes.PLAN_AS_DOCUMENT)).as("says the plan was saved as a document")
        .isEqualTo(!takes.carePlans());
    assertThat(saved.contains(FallbackNotes.GOAL_IN_PLAN)).as("says the goal is in the plan's text")
        .isEqualTo(!takes.carePlans());
    assertThat(saved.contains(FallbackNotes.NO_PROVENANCE)).as("says no Provenance was written")
        .isEqualTo(!takes.provenance());
  }

  /** The integration plan form as a therapist fills it in: one goal, a practice, a follow-up, a re-measurement. */
  private static Map<String, String> integrationPlan(SessionClient session, String planEntry, String goalEntry) {
    String inAMonth = java.time.LocalDate.now().plusMonths(1).toString();
    Map<String, String> form = new HashMap<>(Map.of("csrf", session.csrf(), "entry", planEntry,
        "plan.entry", planEntry, "goal.0.entry", goalEntry,
        "goal.0.intention", "Sleep through the night again", "goal.0.insight", "Rest came when I stopped fighting",
        "goal.0.text", "Wind down without screens 5 nights a week", "goal.0.target", inAMonth,
        "practice", "journaling", "support", "Partner; Tuesday peer group"));
    form.putAll(Map.of("themes", "Letting go of control", "followup.0.label", "24 hours",
        "followup.0.date", java.time.LocalDate.now().plusDays(1).toString(), "followup.0.keep", "on",
        "measure.PHQ9", "on", "measure.PHQ9.date", inAMonth));
    return form;
  }

  /** The text as the page's templates escape it. */
  private static String html(String text) {
    StringOutput output = new StringOutput();
    Escape.htmlContent(text, output);
    return output.toString();
  }
}
