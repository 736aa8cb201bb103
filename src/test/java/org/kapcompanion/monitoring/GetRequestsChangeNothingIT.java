package org.kapcompanion.monitoring;

import org.kapcompanion.testing.SandboxRecord;
import org.kapcompanion.testing.DosingClient;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.google.gson.JsonObject;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.kapcompanion.launch.SessionPages;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.ReviewQueueCatchUp;
import org.kapcompanion.testing.SandboxAccess;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.SandboxSessions.FreshPatient;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.web.BrowserCookie;
import org.kapcompanion.writeback.SessionClient;
import org.kapcompanion.writeback.SharedValidator;

/**
 * Viewing never writes: with a dosing session running whose readings crossed an alert limit, a GET of every route the
 * app serves under a session leaves the app's outbox and the EHR's record of the patient exactly as they were. The
 * routes are the app's own, so a route added later is covered, and must be listed here with the answer a GET gets.
 * The alert's Flag was written when the reading that raised it was saved, and the session's review Task when its
 * entries were delivered; a supervisor viewing the review queue, the session and its summary writes nothing either.
 */
class GetRequestsChangeNothingIT {

  /**
   * The answer to a GET of each session route, as the pages and their scripts request them: pages 200, a conflict page
   * with no conflict 302 (back to the plan), routes that only take POST 405 (review actions too), review pages 403 to a therapist.
   */
  private static final Map<String, Integer> GET_ANSWERS = Map.ofEntries(Map.entry("", 200),
      Map.entry("course", 200), Map.entry("predose", 200), Map.entry("predose/save", 405),
      Map.entry("preparation", 200), Map.entry("preparation/save", 405), Map.entry("handout", 200),
      Map.entry("integration", 200), Map.entry("integration/conflict", 302), Map.entry("session", 200),
      Map.entry("session?part=live", 200), Map.entry("session/start", 405), Map.entry("session/entries", 405),
      Map.entry("session/alerts/acknowledge", 405), Map.entry("notes", 200), Map.entry("discharge", 200),
      Map.entry("entries/status", 200), Map.entry("entries/retry", 405), Map.entry("entries/discard", 405),
      Map.entry("review", 403), Map.entry("review/session", 403), Map.entry("review/print", 403),
      Map.entry("review/cosign", 405), Map.entry("review/pickup", 405));
  /** The answer to a GET of each review route for a supervisor: pages 200, routes that only take POST 405. */
  private static final Map<String, Integer> SUPERVISOR_GET_ANSWERS = Map.of("review", 200,
      "review?status=all&attention=any", 200, "review/session?id=%s", 200, "review/print?id=%s", 200,
      "review/cosign", 405, "review/pickup", 405);
  private static final List<String> RECORD = List.of("Observation", "Flag", "Encounter", "MedicationAdministration",
      "QuestionnaireResponse", "CarePlan", "Goal", "DocumentReference");
  private static final Pattern ROW = Pattern.compile("<tr data-encounter=\"([^\"]+)\"");
  private final TestEnvironment environment = TestEnvironment.get();

  @Test
  void gettingEveryRouteOfARunningSessionWithAnAlertWritesNothing() throws Exception {
    StartedSession started = startedSession();
    FreshPatient fresh = started.fresh();
    SessionClient session = started.session();
    SandboxRecord ehr = started.ehr();
    Instant dose = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    save(session, "dose", dose, Map.of("drug", "6130", "mg", 50, "route", "78421000", "lot", "KX1"));
    save(session, "spo2", Instant.now(), Map.of("value", 88));
    new DosingClient(session).awaitAllSaved();
    Map<String, Integer> before = counts(ehr, fresh.patient());
    assertThat(before.get("Flag")).as("the alert's Flag, written with the reading").isPositive();
    String statusBefore = session.status().body();

    assertThat(GET_ANSWERS.keySet().stream().map(route -> route.split("\\?")[0]).distinct())
        .as("every session route the app serves, and no other").containsExactlyInAnyOrderElementsOf(sessionRoutes());
    Map<String, Integer> answers = new LinkedHashMap<>();
    for (String route : GET_ANSWERS.keySet()) {
      answers.put(route, session.browser().get(session.base().resolve(route)).status());
    }
    assertThat(answers).isEqualTo(GET_ANSWERS);

    assertThat(session.status().body()).isEqualTo(statusBefore);
    assertThat(counts(ehr, fresh.patient())).isEqualTo(before);
  }

  @Test
  void aSupervisorViewingTheReviewQueueAndASessionWritesNothing() throws Exception {
    StartedSession started = startedSession();
    FreshPatient fresh = started.fresh();
    SessionClient session = started.session();
    SandboxRecord ehr = started.ehr();
    save(session, "spo2", Instant.now(), Map.of("value", 88));
    new DosingClient(session).awaitAllSaved();
    HttpBrowser supervisor = new HttpBrowser();
    HttpBrowser.Page queue = new Launches(environment, supervisor).reviewSignIn(TestEnvironment.PUBLIC_CLIENT,
        Launches.SUPERVISOR);
    URI base = queue.url().resolve("./");
    ReviewQueueCatchUp.await(() -> supervisor.get(base.resolve("review?status=all")).body());
    String encounter = sessionOf(supervisor.get(base.resolve("review?attention=safety-alert&from="
        + LocalDate.now(ZoneOffset.UTC).minusDays(1))), ehr, fresh.patient());
    Map<String, Integer> before = counts(ehr, fresh.patient());
    String tasksBefore = tasks(encounter);
    String indexBefore = reviewIndex();

    Map<String, Integer> answers = new LinkedHashMap<>();
    for (String route : SUPERVISOR_GET_ANSWERS.keySet()) {
      answers.put(route, supervisor.get(base.resolve(route.formatted(encounter))).status());
    }
    assertThat(answers).isEqualTo(SUPERVISOR_GET_ANSWERS);

    assertThat(counts(ehr, fresh.patient())).isEqualTo(before);
    assertThat(tasks(encounter)).isEqualTo(tasksBefore);
    assertThat(reviewIndex()).isEqualTo(indexBefore);
  }

  /** The session's review Tasks in the EHR, each with its version. */
  /** A dosing session a therapist started for a fresh copy of a seed patient, after a complete pre-dose checklist. */
  private StartedSession startedSession() throws Exception {
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
    return new StartedSession(fresh, session, ehr);
  }

  private record StartedSession(FreshPatient fresh, SessionClient session, SandboxRecord ehr) {}

  private String tasks(String encounter) throws Exception {
    IGenericClient client = SharedValidator.FHIR.newRestfulGenericClient(environment.ehr().fhirBase().toString());
    client.registerInterceptor(new BearerTokenAuthInterceptor(
        SandboxAccess.token(environment, Launches.SUPERVISOR, "openid fhirUser user/*.read")));
    return client.search().byUrl("Task?focus=Encounter/" + encounter).returnBundle(Bundle.class).execute()
        .getEntry().stream().map(entry -> entry.getResource().getIdElement().getValue()).sorted().toList().toString();
  }

  /** The app's review index, row by row. */
  private String reviewIndex() throws Exception {
    JdbcDataSource store = new JdbcDataSource();
    store.setURL(environment.storeUrlOf(TestEnvironment.PUBLIC_CLIENT));
    StringBuilder rows = new StringBuilder();
    try (Connection connection = store.getConnection(); Statement select = connection.createStatement();
         ResultSet row = select.executeQuery("select * from review_session order by tenant_id, encounter_id")) {
      while (row.next()) {
        for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
          rows.append(row.getString(column)).append(column == row.getMetaData().getColumnCount() ? "\n" : "|");
        }
      }
    }
    return rows.toString();
  }

  /** The dosing session of {@code patient} among the queue's rows. */
  private static String sessionOf(HttpBrowser.Page queue, SandboxRecord ehr, String patient) {
    Matcher rows = ROW.matcher(queue.body());
    List<String> sessions = ehr.search("Encounter?patient=" + patient).stream()
        .map(found -> found.getIdElement().getIdPart()).toList();
    while (rows.find()) {
      if (sessions.contains(rows.group(1))) {
        return rows.group(1);
      }
    }
    throw new AssertionError("the patient's session is not in the review queue");
  }

  private Set<String> sessionRoutes() {
    return environment.app(TestEnvironment.PUBLIC_CLIENT).routes().stream()
        .filter(route -> route.servlet() instanceof SessionPages).findFirst()
        .map(route -> ((SessionPages) route.servlet()).paths()).orElseThrow();
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
    values.forEach((name, value) -> body.addProperty(name, value.toString()));
    SessionClient.Response answer = session.post("session/entries", body.toString());
    assertThat(answer.status()).as(kind + ": " + answer.body()).isEqualTo(200);
  }
}
