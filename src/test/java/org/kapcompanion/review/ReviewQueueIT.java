package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.session.QueryEncoding;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.ReviewQueueCatchUp;
import org.kapcompanion.testing.SandboxAccess;
import org.kapcompanion.testing.SandboxSessions.Discharge;
import org.kapcompanion.testing.SandboxSessions.Session;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.writeback.SharedValidator;
import org.kapcompanion.writeback.ValidationResult;

/**
 * The supervisor's review over real HTTP against the sandbox EHR: sessions of several therapists, some with alerts,
 * written into the EHR by the test and picked up from the EHR's change feed (the strict persona answers searches
 * across patients); the queue's order, filters and paging; the co-sign and what it writes; changes
 * after a co-sign; and the refusal of a therapist.
 */
class ReviewQueueIT {

  private static final String CLIENT = TestEnvironment.PUBLIC_CLIENT;
  private static final Pattern ROW = Pattern.compile("<tr data-encounter=\"([^\"]+)\" data-review=\"([^\"]+)\">");
  private static TestEnvironment environment;
  private static SandboxSessions sessions;

  @BeforeAll
  static void writeSessions() throws Exception {
    environment = TestEnvironment.get();
    environment.app(CLIENT);
    sessions = SandboxSessions.of(environment);
    sessions.practitioner("rq-therapist-a", "Avery Quill");
    sessions.practitioner("rq-therapist-b", "Blair Rowe");
    sessions.practitioner("rq-therapist-c", "Casey Stone");
    sessions.practitioner("rq-therapist-d", "Devon Tarn");
    for (String patient : List.of("rq-patient-1", "rq-patient-2", "rq-patient-3", "rq-patient-4")) {
      sessions.patient(patient, "Queue " + patient.substring(3));
    }
    sessions.write(List.of(
        Session.plain("rq-1", "rq-patient-1", "rq-therapist-a", at("2021-03-01")).coSignedBy(Launches.SUPERVISOR),
        Session.plain("rq-2", "rq-patient-1", "rq-therapist-a", at("2021-03-02")).withAlert(),
        Session.plain("rq-3", "rq-patient-2", "rq-therapist-b", at("2021-03-03")).withAdverseEvent(),
        Session.plain("rq-4", "rq-patient-2", "rq-therapist-b", at("2021-03-04")),
        Session.plain("rq-5", "rq-patient-3", "rq-therapist-c", at("2021-03-05")).withBpGateDecision(),
        Session.plain("rq-6", "rq-patient-3", "rq-therapist-a", at("2021-03-06")).withDischarge(Discharge.MISSING),
        Session.plain("rq-7", "rq-patient-1", "rq-therapist-c", at("2021-03-07")),
        Session.plain("rq-8", "rq-patient-2", "rq-therapist-a", at("2021-03-08"))
            .withDischarge(Discharge.IN_PROGRESS),
        Session.plain("rq-cosign", "rq-patient-2", "rq-therapist-b", at("2021-05-03")).withAdverseEvent(),
        Session.plain("rq-changed", "rq-patient-1", "rq-therapist-b", at("2021-06-03")),
        Session.plain("rq-stale", "rq-patient-3", "rq-therapist-c", at("2021-07-03"))));
    List<Session> many = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      many.add(Session.plain("rq-page-" + i, "rq-patient-4", "rq-therapist-d",
          at("2021-04-01").plusSeconds(3600L * i)));
    }
    sessions.write(many);
  }

  @Test
  void needingAttentionComesFirstThenNewestFirst() throws Exception {
    Queue queue = supervisor();
    assertThat(queue.rows("from=2021-03-01&to=2021-03-31")).extracting(Row::id)
        .containsExactly("rq-8", "rq-6", "rq-5", "rq-3", "rq-2", "rq-7", "rq-4");
    assertThat(queue.rows("from=2021-03-01&to=2021-03-31&status=all")).extracting(Row::id)
        .containsExactly("rq-8", "rq-6", "rq-5", "rq-3", "rq-2", "rq-7", "rq-4", "rq-1");
  }

  @Test
  void filtersByTherapistDateStatusAndAlert() throws Exception {
    Queue queue = supervisor();
    String march = "from=2021-03-01&to=2021-03-31&status=all";
    assertThat(queue.rows(march + "&therapist=rq-therapist-a")).extracting(Row::id)
        .containsExactly("rq-8", "rq-6", "rq-2", "rq-1");
    assertThat(queue.rows("from=2021-03-03&to=2021-03-05&status=all")).extracting(Row::id)
        .containsExactly("rq-5", "rq-3", "rq-4");
    assertThat(queue.rows(march.replace("status=all", "status=reviewed"))).extracting(Row::id)
        .containsExactly("rq-1");
    assertThat(queue.rows(march + "&attention=safety-alert")).extracting(Row::id).containsExactly("rq-2");
    assertThat(queue.rows(march + "&attention=adverse-event")).extracting(Row::id).containsExactly("rq-3");
    assertThat(queue.rows(march + "&attention=bp-gate-decision")).extracting(Row::id).containsExactly("rq-5");
    assertThat(queue.rows(march + "&attention=discharge-incomplete")).extracting(Row::id)
        .containsExactly("rq-8", "rq-6");
    assertThat(queue.rows(march + "&attention=any")).extracting(Row::id)
        .containsExactly("rq-8", "rq-6", "rq-5", "rq-3", "rq-2");
    HttpBrowser.Page page = queue.page(march + "&therapist=rq-therapist-a");
    assertThat(page.body()).contains("Avery Quill", "Queue patient-2", "Safety alert", "Discharge not completed",
        "Reviewed");
  }

  @Test
  void pagesTwentySessionsAtATime() throws Exception {
    Queue queue = supervisor();
    String april = "from=2021-04-01&to=2021-04-30&therapist=rq-therapist-d";
    HttpBrowser.Page first = queue.page(april);
    assertThat(rows(first)).hasSize(20).first().extracting(Row::id).isEqualTo("rq-page-25");
    assertThat(first.body()).contains("25 sessions · page 1 of 2", "Next page").doesNotContain("Previous page");
    HttpBrowser.Page second = queue.page(april + "&page=2");
    assertThat(rows(second)).extracting(Row::id)
        .containsExactly("rq-page-5", "rq-page-4", "rq-page-3", "rq-page-2", "rq-page-1");
    assertThat(second.body()).contains("page 2 of 2", "Previous page").doesNotContain("Next page");
  }

  @Test
  void coSignWritesAProfileValidProvenanceAndCompletesTheTask() throws Exception {
    Queue queue = supervisor();
    HttpBrowser.Page session = queue.open("rq-cosign");
    assertThat(session.body()).contains("Adverse event", "Vomited once", "Awaiting review", "Co-sign session");
    String entryId = session.inputValue("entry");
    HttpBrowser.Page cosigned = queue.coSign(session, "rq-cosign", "Antiemetic before the next dose.");
    assertThat(cosigned.status()).isEqualTo(303);
    HttpBrowser.Page after = queue.browser.get(cosigned.location().orElseThrow());
    assertThat(after.body()).contains("Co-signed. The queue shows this session as reviewed.",
        "Co-signed by Dr. Ines Achterberg, MD", "Antiemetic before the next dose.");

    IGenericClient ehr = ehr();
    Bundle found = ehr.search().byUrl("Provenance?_tag=" + KapUrls.ENTRY_ID + "|" + entryId)
        .returnBundle(Bundle.class).execute();
    assertThat(found.getEntry()).hasSize(1);
    Provenance provenance = (Provenance) found.getEntryFirstRep().getResource();
    assertThat(SharedValidator.VALIDATOR.validate(provenance)).isInstanceOf(ValidationResult.Valid.class);
    assertThat(provenance.getMeta().hasProfile(KapUrls.SUPERVISOR_REVIEW_PROFILE)).isTrue();
    assertThat(provenance.getAgentFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("verifier");
    assertThat(provenance.getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/" + Launches.SUPERVISOR);
    assertThat(provenance.getTarget()).extracting(Reference::getReference).contains("Encounter/rq-cosign",
        "MedicationAdministration/rq-cosign-dose", "Observation/rq-cosign-adverse", "Observation/rq-cosign-bp-040",
        "QuestionnaireResponse/rq-cosign-predose", "Patient/rq-patient-2");

    Task task = (Task) ehr.search().byUrl("Task?identifier=" + KapUrls.ENTRY_ID + "|"
        + ReviewTasks.identifierOf("rq-cosign")).returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
    assertThat(SharedValidator.VALIDATOR.validate(task)).isInstanceOf(ValidationResult.Valid.class);
    assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
    assertThat(task.getOwner().getReference()).isEqualTo("Practitioner/" + Launches.SUPERVISOR);
    assertThat(task.getNoteFirstRep().getText()).isEqualTo("Antiemetic before the next dose.");

    assertThat(queue.rows("from=2021-05-01&to=2021-05-31&status=all"))
        .containsExactly(new Row("rq-cosign", "reviewed"));
    assertThat(queue.rows("from=2021-05-01&to=2021-05-31")).isEmpty();

    HttpBrowser.Page retried = queue.coSign(session, "rq-cosign", "Antiemetic before the next dose.");
    assertThat(retried.status()).isEqualTo(303);
    assertThat(ehr.search().byUrl("Provenance?_tag=" + KapUrls.ENTRY_ID + "|" + entryId).returnBundle(Bundle.class)
        .execute().getEntry()).hasSize(1);
  }

  @Test
  void aChangeByTheTherapistAfterTheCoSignShows() throws Exception {
    Queue queue = supervisor();
    HttpBrowser.Page session = queue.open("rq-changed");
    assertThat(queue.coSign(session, "rq-changed", "").status()).isEqualTo(303);
    assertThat(queue.rows("from=2021-06-01&to=2021-06-30&status=all"))
        .containsExactly(new Row("rq-changed", "reviewed"));

    Session changed = Session.plain("rq-changed", "rq-patient-1", "rq-therapist-b", at("2021-06-03"));
    sessions.addNote(changed, "rq-changed-late-note", "Added after the co-sign: patient called, feeling well.",
        Instant.now());
    queue.pickUp();

    assertThat(queue.rows("from=2021-06-01&to=2021-06-30")).containsExactly(new Row("rq-changed",
        "changed-after-review"));
    HttpBrowser.Page again = queue.open("rq-changed");
    assertThat(again.body()).contains("Changed after review", "Changed after co-sign",
        "Added after the co-sign: patient called, feeling well.", "Co-sign session");
  }

  @Test
  void coSignIsRefusedWhenTheSessionChangedWhileOpen() throws Exception {
    Queue queue = supervisor();
    HttpBrowser.Page session = queue.open("rq-stale");
    Session stale = Session.plain("rq-stale", "rq-patient-3", "rq-therapist-c", at("2021-07-03"));
    sessions.addNote(stale, "rq-stale-note", "Recorded while the supervisor was reading.", Instant.now());
    HttpBrowser.Page refused = queue.coSign(session, "rq-stale", "Looks fine.");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body()).contains("Something was recorded in this session while you were reviewing it",
        "Recorded while the supervisor was reading.");
  }

  @Test
  void aTherapistIsRefusedTheReviewPages() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpBrowser.Page refused = new Launches(environment, browser).reviewSignIn(CLIENT, Launches.THERAPIST);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("Supervisor review is not available to you",
        "Only clinical supervisors can open the review queue");
    for (String page : List.of("review/session?id=rq-2", "review/print?id=rq-2")) {
      assertThat(browser.get(refused.url().resolve(page)).status()).isEqualTo(403);
    }

    HttpBrowser therapist = new HttpBrowser();
    HttpBrowser.Page summary = new Launches(environment, therapist).ehrLaunchedPage(CLIENT, "kap-pt-01");
    assertThat(summary.body()).contains("Record summary").doesNotContain(">Review<");
    assertThat(therapist.get(summary.url().resolve("review")).status()).isEqualTo(403);
  }

  @Test
  void aSupervisorLaunchedFromAPatientReviewsThatPatientsSessions() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    Launches launches = new Launches(environment, browser);
    HttpBrowser.Page summary = browser.last(browser.follow(browser.get(
        launches.appLaunchUrl(CLIENT, "rq-patient-3", true, Launches.SUPERVISOR))));
    assertThat(summary.body()).contains(">Review<");
    HttpBrowser.Page queue = browser.get(summary.url().resolve("review?status=all"));
    assertThat(queue.status()).isEqualTo(200);
    assertThat(queue.body()).contains("Sessions of the patient opened from the EHR");
    assertThat(rows(queue)).extracting(Row::id).containsExactly("rq-6", "rq-5", "rq-stale");
    assertThat(browser.get(summary.url().resolve("review/session?id=rq-2")).status()).isEqualTo(404);
    assertThat(browser.get(summary.url().resolve("review/session?id=rq-5")).body())
        .contains("Prescriber decision before the dose", "152/82 mmHg (pre-dose checklist)");
  }

  @Test
  void printableSummaryCarriesTheRemsData() throws Exception {
    Queue queue = supervisor();
    HttpBrowser.Page print = queue.page(null, "review/print?id=rq-2");
    assertThat(print.status()).isEqualTo(200);
    assertThat(print.body()).contains("Monitoring summary (REMS)", "09:10 — Ketamine 50 mg IM, lot KT-LOT-7",
        "Ketamine 50 mg (1 dose)",
        "124/82 mmHg (pre-dose checklist)", "186/112 mmHg at +40 min", "126/80 mmHg at +120 min",
        "150 min", "MOAA/S 4 at +30 min", "Blood pressure above threshold", "Status: Not acknowledged",
        "id=\"print-button\"").doesNotContain("Status: Active");
  }

  /**
   * A supervisor's review sign-in in a scripted browser, with the sessions the test wrote into the EHR picked up (the
   * sign-in starts the pickup).
   */
  private static Queue supervisor() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpBrowser.Page first = new Launches(environment, browser).reviewSignIn(CLIENT, Launches.SUPERVISOR);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.url().getPath()).endsWith("/review");
    Queue queue = new Queue(browser, first.url());
    queue.waitUntilUpToDate();
    return queue;
  }

  private static IGenericClient ehr() throws Exception {
    IGenericClient client = SharedValidator.FHIR.newRestfulGenericClient(environment.ehr().fhirBase().toString());
    client.registerInterceptor(new BearerTokenAuthInterceptor(
        SandboxAccess.token(environment, Launches.SUPERVISOR, "openid fhirUser user/*.read")));
    client.registerInterceptor(new QueryEncoding());
    return client;
  }

  private static Instant at(String day) {
    return Instant.parse(day + "T09:00:00Z");
  }

  /** A queue row: the session and its review status. */
  record Row(String id, String review) {}

  private static List<Row> rows(HttpBrowser.Page page) {
    List<Row> rows = new ArrayList<>();
    Matcher matcher = ROW.matcher(page.body());
    while (matcher.find()) {
      rows.add(new Row(matcher.group(1), matcher.group(2)));
    }
    return rows;
  }

  /** The review pages of one signed-in supervisor. */
  private record Queue(HttpBrowser browser, URI queueUrl) {

    HttpBrowser.Page page(String query) throws Exception {
      return page(query, "review");
    }

    HttpBrowser.Page page(String query, String path) throws Exception {
      HttpBrowser.Page page = browser.get(queueUrl.resolve(path + (query == null ? "" : "?" + query)));
      assertThat(page.status()).isEqualTo(200);
      return page;
    }

    List<Row> rows(String query) throws Exception {
      return ReviewQueueIT.rows(page(query));
    }

    HttpBrowser.Page open(String encounterId) throws Exception {
      return page("id=" + encounterId, "review/session");
    }

    HttpBrowser.Page coSign(HttpBrowser.Page session, String encounterId, String comment) throws Exception {
      return browser.post(queueUrl.resolve("review/cosign"), Map.of("csrf", session.inputValue("csrf"),
          "id", encounterId, "entry", session.inputValue("entry"), "seen", session.inputValue("seen"),
          "comment", comment));
    }

    /** Asks for sessions recorded by other systems (the test's, written into the EHR) to be picked up, and waits. */
    void pickUp() throws Exception {
      HttpBrowser.Page asked = browser.post(queueUrl.resolve("review/pickup"),
          Map.of("csrf", page("status=all").inputValue("csrf")));
      assertThat(asked.status()).isEqualTo(303);
      waitUntilUpToDate();
    }

    /** Loads the queue until it no longer says that sessions are still being added (a large first pickup). */
    void waitUntilUpToDate() throws Exception {
      ReviewQueueCatchUp.await(() -> page("status=all").body());
    }
  }
}
