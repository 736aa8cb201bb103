package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.DosingClient;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.writeback.SessionClient;

/**
 * A dose sent over JSON, as a script client or a stale page sends it: one that does not know of a dose recorded
 * since is not saved and gets a typed 409 answer listing it; sent again knowing it, it is saved as a further dose; a
 * retry of a dose already saved is not taken for another; doses sent at once for one patient are checked one at a
 * time.
 */
class DoseRecordedSinceIT {

  private final TestEnvironment environment = TestEnvironment.get();

  @Test
  void aDoseNotKnowingTheDoseRecordedSinceGetsATypedConflictAndIsSavedOnlyOnceItKnowsIt() throws Exception {
    DosingClient dosing = awaitingTheDose("json-dose", "Amir Sadeghi-Holm");
    SessionClient session = dosing.session();
    String first = UUID.randomUUID().toString();
    String further = UUID.randomUUID().toString();

    assertThat(session.post("session/entries", dose(first, "")).status()).isEqualTo(200);
    SessionClient.Response refused = session.post("session/entries", dose(further, ""));

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    JsonObject answer = refused.json();
    assertThat(answer.get("conflict").getAsString()).isEqualTo("doses-recorded-since");
    assertThat(answer.get("id").getAsString()).isEqualTo(further);
    assertThat(answer.get("error").getAsString()).contains("Record this as a further dose?");
    assertThat(answer.getAsJsonArray("doses")).hasSize(1);
    JsonObject since = answer.getAsJsonArray("doses").get(0).getAsJsonObject();
    assertThat(since.get("id").getAsString()).isEqualTo(first);
    assertThat(since.get("shown").getAsString()).isEqualTo("Ketamine 32 mg IM · lot KX24117");
    assertThat(dosing.page("session")).contains("Dose given").doesNotContain("2 doses given");

    assertThat(session.post("session/entries", dose(further, first)).status()).isEqualTo(200);
    assertThat(session.post("session/entries", dose(first, "")).status()).as("a retry of the first dose")
        .isEqualTo(200);
    assertThat(dosing.page("session")).contains("2 doses given", "Session total: Ketamine 64 mg");
  }

  @Test
  void dosesSentAtOnceForOnePatientAreCheckedOneAtATimeSoOnlyOneIsSavedUnasked() throws Exception {
    DosingClient dosing = awaitingTheDose("json-doses-at-once", "Ines Okafor-Lund");
    SessionClient session = dosing.session();
    ExecutorService pages = Executors.newFixedThreadPool(4);
    List<Future<Integer>> statuses = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        String id = UUID.randomUUID().toString();
        statuses.add(pages.submit(() -> session.post("session/entries", dose(id, "")).status()));
      }
      List<Integer> answered = new ArrayList<>();
      for (Future<Integer> status : statuses) {
        answered.add(status.get(60, TimeUnit.SECONDS));
      }

      assertThat(answered).containsExactlyInAnyOrder(200, 409, 409, 409);
    } finally {
      pages.shutdownNow();
    }
    assertThat(dosing.page("session")).contains("Dose given").doesNotContain("2 doses given");
  }

  /** The dosing page of a patient whose session started three minutes ago, before any dose. */
  private DosingClient awaitingTheDose(String prefix, String name) throws Exception {
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    String patient = SandboxSessions.of(environment).patientAwaitingTheDose(prefix, name, Duration.ofMinutes(3));
    DosingClient dosing =
        new DosingClient(SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, patient, null));
    dosing.awaitReady();
    return dosing;
  }

  static String dose(String id, String knownDoses) {
    JsonObject body = new JsonObject();
    body.addProperty("id", id);
    body.addProperty("kind", "dose");
    body.addProperty("effective", Instant.now().toString());
    body.addProperty("drug", "6130");
    body.addProperty("mg", "32");
    body.addProperty("route", "78421000");
    body.addProperty("lot", "KX24117");
    body.addProperty("knownDoses", knownDoses);
    return body.toString();
  }
}
