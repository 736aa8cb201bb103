package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.session.QueryEncoding;
import org.kapcompanion.testing.DosingClient;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.SandboxAccess;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.writeback.SessionClient;
import org.kapcompanion.writeback.SharedValidator;

/**
 * The supervisor's queue against an EHR that refuses searches across patients ({@code epic-like}): a session recorded
 * through the pages is in the queue because the app recorded it as its entries were delivered; the queue is the
 * app's own and survives a restart of the app.
 */
class ReviewWithoutCrossPatientSearchIT {

  private static final String CLIENT = TestEnvironment.PUBLIC_CLIENT;
  /** A seeded patient no other test records a session for in the vendor personas' sandboxes. */
  private static final String PATIENT = "kap-pt-03";
  private static final Pattern ROW = Pattern.compile("<tr data-encounter=\"([^\"]+)\" data-review=\"([^\"]+)\">");
  private static TestEnvironment environment;
  private static String sessionId;
  /** The operators' status page right after the session was recorded (a restart starts its counts afresh). */
  private static String statusPage;

  @BeforeAll
  static void recordASessionWithAnAlertThroughThePages() throws Exception {
    environment = TestEnvironment.of("epic-like");
    environment.app(CLIENT);
    List<String> before = queueRows(supervisorQueue());
    SessionClient session = SessionClient.launch(environment, CLIENT, PATIENT, null);
    DosingClient dosing = new DosingClient(session);
    dosing.saveForm("predose/save", DosingClient.predose(true), "completed");
    dosing.awaitAllSaved();
    assertThat(dosing.start().status()).isEqualTo(302);
    List<String> ids = new ArrayList<>();
    dosing.save(ids, "spo2", Instant.now(), Map.of("value", 88));
    dosing.awaitAllSaved();
    List<String> after = new ArrayList<>(queueRows(supervisorQueue()));
    after.removeAll(before);
    assertThat(after).as("one new session in the queue").hasSize(1);
    sessionId = after.get(0);
    statusPage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(environment.appUrl(CLIENT, "admin/status"))
        .header("Authorization", "Bearer " + TestEnvironment.ADMIN_TOKEN).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void theEhrRefusesSearchesAcrossPatientsForChanges() {
    assertThatThrownBy(() -> ehr().search().byUrl("Encounter?_lastUpdated=ge2020-01-01T00:00:00Z")
        .returnBundle(Bundle.class).execute()).isInstanceOf(ForbiddenOperationException.class);
    assertThatThrownBy(() -> ehr().search().byUrl("Task?_profile=" + KapUrls.REVIEW_TASK_PROFILE)
        .returnBundle(Bundle.class).execute()).isInstanceOf(ForbiddenOperationException.class);
  }

  @Test
  void aSessionRecordedThroughThePagesIsInTheQueueWithItsAlert() throws Exception {
    HttpBrowser.Page queue = supervisorQueue();
    assertThat(rowOf(queue)).contains("data-review=\"awaiting-review\"", "Safety alert", "Discharge not completed",
        "KAP dosing session");
    assertThat(queue.body()).doesNotContain("Patient not found", "Session not found");
    Bundle tasks = ehr().search().byUrl("Task?identifier=" + KapUrls.ENTRY_ID + "|"
        + ReviewTasks.identifierOf(sessionId)).returnBundle(Bundle.class).execute();
    assertThat(tasks.getEntry()).as("no review Task: the therapist's patient-level sign-in cannot write one (R4 keeps "
        + "Task outside the Patient compartment), and the queue does not need it").isEmpty();
  }

  @Test
  void theStatusPageTellsOperatorsTheEhrRefusedTheReviewTask() {
    assertThat(statusPage).containsPattern("data-refused=\"review-task\">review-task refused by the EHR [1-9]\\d*"
        + " time\\(s\\)\\s+since this node started, latest [^:]+:[^:]+:[^:]+: the EHR refused the entry \\([^)]*403");
  }

  @Test
  void theQueueSurvivesARestartOfTheApp() throws Exception {
    environment.restart(CLIENT);
    assertThat(rowOf(supervisorQueue())).contains("data-review=\"awaiting-review\"", "Safety alert");
  }

  private static HttpBrowser.Page supervisorQueue() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpBrowser.Page first = new Launches(environment, browser).reviewSignIn(CLIENT, Launches.SUPERVISOR);
    assertThat(first.status()).isEqualTo(200);
    HttpBrowser.Page today = browser.get(first.url().resolve("review?status=all&from="
        + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1)));
    assertThat(today.status()).isEqualTo(200);
    return today;
  }

  private static List<String> queueRows(HttpBrowser.Page queue) {
    List<String> rows = new ArrayList<>();
    Matcher matcher = ROW.matcher(queue.body());
    while (matcher.find()) {
      rows.add(matcher.group(1));
    }
    return rows;
  }

  private static String rowOf(HttpBrowser.Page queue) {
    int start = queue.body().indexOf("<tr data-encounter=\"" + sessionId + "\"");
    assertThat(start).as("the session's row in the queue").isNotNegative();
    return queue.body().substring(start, queue.body().indexOf("</tr>", start));
  }

  private static IGenericClient ehr() throws Exception {
    IGenericClient client = SharedValidator.FHIR.newRestfulGenericClient(environment.ehr().fhirBase().toString());
    client.registerInterceptor(new BearerTokenAuthInterceptor(
        SandboxAccess.token(environment, Launches.SUPERVISOR, "openid fhirUser user/*.read")));
    client.registerInterceptor(new QueryEncoding());
    return client;
  }
}
