package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.DosingClient;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.writeback.HeldDelivery;

/**
 * A patient's dosing session is started once a day however many pages press "Start session": a colleague's start
 * still waiting in the outbox stops a second one (and the colleague's page says a session was started), and starts
 * sent at once are checked one at a time.
 */
class SessionStartedOnceIT {

  private final TestEnvironment environment = TestEnvironment.get();

  @Test
  void aColleaguesStartWaitingInTheOutboxStopsASecondSessionAndIsAnnounced() throws Exception {
    String patient = DosingClient.patientReadyToStart(environment, "colleague-start", "Maren Oduya-Strand");
    DosingClient therapist = DosingClient.launch(environment, patient, Launches.THERAPIST);
    DosingClient coTherapist = DosingClient.launch(environment, patient, Launches.CO_THERAPIST);
    therapist.awaitAllSaved();

    try (HeldDelivery held = HeldDelivery.of(therapist.session(), patient)) {
      assertThat(therapist.start().status()).isEqualTo(302);
      assertThat(therapist.page("session")).as("the therapist's own start, waiting").contains("Record the dose");

      String offered = coTherapist.page("session");
      assertThat(offered).contains("id=\"start-under-way\"", "by another clinician")
          .doesNotContain("id=\"start-session\"", "Record the dose");

      assertThat(coTherapist.start().status()).as("redirected to the session page").isEqualTo(302);
      assertThat(coTherapist.page("session")).contains("id=\"start-under-way\"");
    }
    therapist.awaitAllSaved();
    coTherapist.awaitAllSaved();

    assertThat(dosingSessions(patient)).hasSize(1);
    assertThat(coTherapist.page("session")).contains("Record the dose").doesNotContain("start-under-way");
  }

  @Test
  void startsSentAtOnceByOneClinicianMakeOneSession() throws Exception {
    String patient = DosingClient.patientReadyToStart(environment, "starts-at-once", "Tove Achterberg-Ali");
    DosingClient dosing = DosingClient.launch(environment, patient, Launches.THERAPIST);
    ExecutorService tabs = Executors.newFixedThreadPool(4);
    List<Future<Integer>> statuses = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        statuses.add(tabs.submit(() -> dosing.start().status()));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(302);
      }
    } finally {
      tabs.shutdownNow();
    }
    dosing.awaitAllSaved();

    assertThat(dosingSessions(patient)).hasSize(1);
    assertThat(sandbox().search("QuestionnaireResponse?patient=" + patient).stream()
        .filter(response -> response.getNamedProperty("encounter").hasValues()).toList())
        .as("the checklist recorded in the one session").hasSize(1);
  }

  private List<?> dosingSessions(String patient) throws Exception {
    return sandbox().search("Encounter?patient=" + patient + "&type=" + SandboxSessions.SESSION_TYPE + "|"
        + EntryMapping.SESSION_KIND);
  }

  private SandboxSessions sandbox() throws Exception {
    return SandboxSessions.of(environment);
  }
}
