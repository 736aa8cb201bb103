package org.kapcompanion.discharge;

import org.kapcompanion.testing.DosingClient;
import org.kapcompanion.testing.SandboxRecord;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.SandboxSessions.FreshPatient;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.web.BrowserCookie;
import org.kapcompanion.writeback.SessionClient;

/**
 * The discharge save over real HTTP against the sandbox EHR (hazard 1 of the clinical safety case): 125 minutes
 * after the dose, with the latest readings BP 186/114, MOAA/S 2 and SpO₂ 90 and every checklist answer "yes", the
 * save is refused with the readings shown and the session keeps running; answered truthfully with a prescriber's
 * override, it is saved, the override is in the EHR's discharge checklist and the session is finished.
 */
class DischargeGateIT {

  private final TestEnvironment environment = TestEnvironment.get();

  @Test
  void dischargeOfASedatedHypoxicHypertensivePatientIsRefusedThenAllowedOnAPrescribersOverride() throws Exception {
    Running running = running();
    DosingClient dosing = running.dosing();
    SandboxRecord ehr = running.ehr();
    String patient = running.patient();

    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant dose = now.minus(125, ChronoUnit.MINUTES);
    List<String> ids = new ArrayList<>();
    dosing.save(ids, "dose", dose, Map.of("drug", "6130", "mg", 50, "route", "78421000", "lot", "KX24117"));
    dosing.save(ids, "bp", dose, Map.of("value", 128, "second", 82));
    dosing.save(ids, "bp", dose.plus(40, ChronoUnit.MINUTES), Map.of("value", 150, "second", 92));
    dosing.save(ids, "bp", now, Map.of("value", 186, "second", 114));
    dosing.save(ids, "moaas", now, Map.of("value", 2));
    dosing.save(ids, "spo2", now, Map.of("value", 90));
    String shown = DateTimeFormatter.ofPattern("HH:mm").format(now.atZone(ZoneId.systemDefault()));

    Map<String, String> allYes = checklist(dosing, "true");
    HttpBrowser.Page refused = dosing.post("discharge", allYes);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("MOAA/S 2 at " + shown + " — sedation has not resolved",
        "Blood pressure 186/114 mmHg at " + shown, "SpO₂ 90 % at " + shown);
    assertThat(dosing.page("discharge")).doesNotContain("id=\"discharged\"");

    Map<String, String> truthful = checklist(dosing, "false");
    HttpBrowser.Page withoutOverride = dosing.post("discharge", truthful);
    assertThat(withoutOverride.status()).isEqualTo(422);
    assertThat(withoutOverride.body()).contains("Prescriber who authorises discharge against the criteria");

    truthful.putAll(Map.of("override-prescriber", "Dr Ana Rivera", "override-reason",
        "Reviewed at the bedside; patient's husband is an ICU nurse and will stay with her overnight",
        "override-at", LocalDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES).toString()));
    HttpBrowser.Page discharged = dosing.post("discharge", truthful);
    assertThat(discharged.status()).as(discharged.body()).isEqualTo(302);
    dosing.awaitAllSaved();

    List<Resource> checklists = ehr.search("QuestionnaireResponse?subject=Patient/" + patient + "&questionnaire="
        + KapUrls.DISCHARGE_CHECKLIST);
    assertThat(checklists).filteredOn(r -> truthful.get("entry").equals(
        ((QuestionnaireResponse) r).getIdentifier().getValue())).singleElement().satisfies(resource -> {
      QuestionnaireResponse checklist = (QuestionnaireResponse) resource;
      assertThat(answer(checklist, "discharge-criteria-met")).isEqualTo("false");
      assertThat(answer(checklist, "override-prescriber")).isEqualTo("Dr Ana Rivera");
      assertThat(answer(checklist, "override-reason")).startsWith("Reviewed at the bedside");
      assertThat(answer(checklist, "override-at")).isNotEmpty();
      assertThat(answer(checklist, "discharge-criteria-unmet")).contains("MOAA/S 2 at " + shown);
    });
    assertThat(ehr.search("Encounter?patient=" + patient + "&type=" + KapUrls.SESSION_TYPES + "|dosing-session"
        + "&date=ge" + java.time.LocalDate.now())).singleElement()
        .satisfies(r -> assertThat(((Encounter) r).getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED));
  }

  @Test
  void aTypedMonitoringTimeIsNotStoredTheRecordsMinutesAre() throws Exception {
    Running running = running();
    DosingClient dosing = running.dosing();
    recordReadyForDischarge(dosing);
    Map<String, String> form = checklist(dosing, "true");
    form.put("monitoring-minutes", "300");
    HttpBrowser.Page discharged = dosing.post("discharge", form);
    assertThat(discharged.status()).as(discharged.body()).isEqualTo(302);
    dosing.awaitAllSaved();

    List<Resource> checklists = running.ehr().search("QuestionnaireResponse?subject=Patient/" + running.patient()
        + "&questionnaire=" + KapUrls.DISCHARGE_CHECKLIST);
    assertThat(checklists).filteredOn(r -> form.get("entry").equals(
        ((QuestionnaireResponse) r).getIdentifier().getValue())).singleElement()
        .satisfies(resource -> assertThat(Integer.parseInt(answer((QuestionnaireResponse) resource,
            "monitoring-minutes"))).isBetween(125, 127));
  }

  /**
   * "Ready to leave at" is a time the patient was ready, not one to come: a time in the future is refused as typed and
   * nothing is saved, so the REMS summary and the handout's "you left at" cannot disagree.
   */
  @Test
  void aReadyToLeaveTimeInTheFutureIsRefusedAsTypedAndNothingIsSaved() throws Exception {
    DosingClient dosing = running().dosing();
    recordReadyForDischarge(dosing);
    Map<String, String> form = checklist(dosing, "true");
    String later = LocalDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES).plusMinutes(30)
        .toString();
    form.put("ready-to-leave-time", later);

    HttpBrowser.Page refused = dosing.post("discharge", form);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("the ready-to-leave time", "is in the future", "value=\"" + later + "\"");
    assertThat(dosing.page("discharge")).doesNotContain("Discharged");
  }

  /** A dose 125 minutes ago and the readings after it that meet every discharge criterion. */
  private static void recordReadyForDischarge(DosingClient dosing) throws Exception {
    Instant dose = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(125, ChronoUnit.MINUTES);
    List<String> ids = new ArrayList<>();
    dosing.save(ids, "dose", dose, Map.of("drug", "6130", "mg", 50, "route", "78421000", "lot", "KX24117"));
    dosing.save(ids, "bp", dose, Map.of("value", 128, "second", 82));
    dosing.save(ids, "bp", dose.plus(40, ChronoUnit.MINUTES), Map.of("value", 126, "second", 80));
    dosing.save(ids, "bp", dose.plus(120, ChronoUnit.MINUTES), Map.of("value", 124, "second", 80));
    dosing.save(ids, "moaas", dose.plus(120, ChronoUnit.MINUTES), Map.of("value", 5));
    dosing.save(ids, "spo2", dose.plus(120, ChronoUnit.MINUTES), Map.of("value", 98));
  }

  /** A patient of its own, launched, with a complete pre-dose checklist and a session started 130 minutes ago. */
  private Running running() throws Exception {
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    FreshPatient fresh = SandboxSessions.of(environment).copyOf("kap-pt-02", "kap-pt-02-dose-01");
    SessionClient session = SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, fresh.patient(),
        fresh.encounter());
    DosingClient dosing = new DosingClient(session);
    SandboxRecord ehr = SandboxRecord.forSession(environment, session.handle(),
        session.browser().cookie(session.base(), BrowserCookie.NAME).orElseThrow());
    dosing.awaitReady();
    dosing.saveForm("predose/save", DosingClient.predose(true), "completed");
    dosing.awaitAllSaved();
    assertThat(dosing.start().status()).isEqualTo(302);
    dosing.awaitAllSaved();
    ehr.backdateRunningSession(fresh.patient(), Duration.ofMinutes(130));
    dosing.page("session");
    return new Running(fresh.patient(), dosing, ehr);
  }

  private record Running(String patient, DosingClient dosing, SandboxRecord ehr) {}

  private static Map<String, String> checklist(DosingClient dosing, String resolved) throws Exception {
    String page = dosing.page("discharge");
    Map<String, String> form = new HashMap<>(Map.of("csrf", dosing.session().csrf(), "entry",
        DosingClient.value(page, "entry"), "sedation-resolved", resolved, "dissociation-resolved", resolved,
        "bp-acceptable", resolved, "clinically-stable", resolved, "responsible-adult", "true",
        "responsible-adult-name", "Jonas Lindqvist", "no-driving", "true", "recovery-instructions", "true"));
    form.put("ready-to-leave-time", LocalDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES)
        .toString());
    return form;
  }

  private static String answer(QuestionnaireResponse response, String linkId) {
    return response.getItem().stream().filter(i -> linkId.equals(i.getLinkId())).findFirst()
        .map(i -> i.getAnswerFirstRep().getValue().primitiveValue()).orElse("");
  }
}
