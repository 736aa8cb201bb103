package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.SandboxSessions.FreshPatient;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.web.BrowserCookie;
import org.kapcompanion.writeback.SessionClient;

/**
 * Viewing never writes: with a dosing session running whose readings crossed an alert limit, a GET of every page and
 * endpoint of the session leaves the app's outbox and the EHR's record of the patient exactly as they were. The alert's
 * Flag was written when the reading that raised it was saved.
 */
class GetRequestsChangeNothingIT {

  /** Every route of a session that answers GET, as the pages and their scripts request them. */
  private static final List<String> GET_ROUTES = List.of("", "predose", "preparation", "session", "session?part=live",
      "notes", "discharge", "handout", "integration", "entries/status", "course");
  private static final List<String> RECORD = List.of("Observation", "Flag", "Encounter", "MedicationAdministration",
      "QuestionnaireResponse", "CarePlan", "Goal", "DocumentReference");
  private final TestEnvironment environment = TestEnvironment.get();

  @Test
  void gettingEveryRouteOfARunningSessionWithAnAlertWritesNothing() throws Exception {
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    FreshPatient fresh = SandboxSessions.of(environment).copyOf("kap-pt-04", "kap-pt-04-dose-01");
    SessionClient session = SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, fresh.patient(),
        fresh.encounter());
    SandboxRecord ehr = SandboxRecord.forSession(environment, session.handle(),
        session.browser().cookie(session.base(), BrowserCookie.NAME).orElseThrow());
    ehr.completePredose(fresh.patient());
    HttpBrowser.Page started = session.browser().post(session.base().resolve("session/start"),
        Map.of("csrf", session.csrf()));
    assertThat(started.status()).isEqualTo(302);
    Instant dose = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    save(session, "dose", dose, Map.of("drug", "6130", "mg", 50, "route", "78421000", "lot", "KX1"));
    save(session, "spo2", Instant.now(), Map.of("value", 88));
    new DosingClient(session).awaitAllSaved();
    Map<String, Integer> before = counts(ehr, fresh.patient());
    assertThat(before.get("Flag")).as("the alert's Flag, written with the reading").isPositive();
    String statusBefore = session.status().body();

    for (String route : GET_ROUTES) {
      HttpBrowser.Page page = session.browser().get(session.base().resolve(route));
      assertThat(page.status()).as(route).isEqualTo(200);
    }

    assertThat(session.status().body()).isEqualTo(statusBefore);
    assertThat(counts(ehr, fresh.patient())).isEqualTo(before);
  }

  private static Map<String, Integer> counts(SandboxRecord ehr, String patient) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String type : RECORD) {
      counts.put(type, ehr.search(type + "?patient=" + patient).size());
    }
    return counts;
  }

  private static void save(SessionClient session, String kind, Instant at, Map<String, Object> values)
      throws Exception {
    JsonObject body = new JsonObject();
    body.addProperty("id", UUID.randomUUID().toString());
    body.addProperty("kind", kind);
    body.addProperty("effective", at.toString());
    values.forEach((name, value) -> {
      if (value instanceof Number number) {
        body.addProperty(name, number);
      } else {
        body.addProperty(name, value.toString());
      }
    });
    SessionClient.Response answer = session.post("session/entries", body.toString());
    assertThat(answer.status()).as(kind + ": " + answer.body()).isEqualTo(200);
  }
}
