package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.DosingClient;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.writeback.HeldDelivery;
import org.kapcompanion.writeback.SessionClient;

/**
 * Two clinicians documenting one session from their own launches (therapist and co-therapist): a dose one of them
 * saved that has not reached the EHR yet is part of the other's dose check, so the same dose is not documented twice
 * unasked.
 */
class DoseOfAColleagueIT {

  private final TestEnvironment environment = TestEnvironment.get();

  @Test
  void aColleaguesDoseWaitingInTheOutboxIsListedAndTheDoseIsSavedOnlyOnceItKnowsIt() throws Exception {
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    String patient = SandboxSessions.of(environment).patientAwaitingTheDose("colleague-dose", "Noor Lindqvist-Haddad",
        Duration.ofMinutes(3));
    SessionClient therapist = SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, patient, null);
    SessionClient coTherapist = SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, patient, null,
        Launches.CO_THERAPIST);
    new DosingClient(therapist).awaitReady();
    String first = UUID.randomUUID().toString();
    String same = UUID.randomUUID().toString();

    try (HeldDelivery held = HeldDelivery.of(therapist, patient)) {
      assertThat(therapist.post("session/entries", DoseRecordedSinceIT.dose(first, "")).status()).isEqualTo(200);
      assertThat(state(therapist, first)).as("the therapist's dose waits in the outbox").isEqualTo("pending");

      SessionClient.Response refused = coTherapist.post("session/entries", DoseRecordedSinceIT.dose(same, ""));

      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      JsonObject answer = refused.json();
      assertThat(answer.get("conflict").getAsString()).isEqualTo("doses-recorded-since");
      assertThat(answer.getAsJsonArray("doses")).hasSize(1);
      JsonObject since = answer.getAsJsonArray("doses").get(0).getAsJsonObject();
      assertThat(since.get("id").getAsString()).isEqualTo(first);
      assertThat(since.get("shown").getAsString()).isEqualTo("Ketamine 32 mg IM · lot KX24117");

      assertThat(coTherapist.post("session/entries", DoseRecordedSinceIT.dose(same, first)).status())
          .as("confirmed as a further dose").isEqualTo(200);
      assertThat(state(coTherapist, same)).isNotEmpty();
    }
    DosingClient colleague = new DosingClient(coTherapist);
    new DosingClient(therapist).awaitAllSaved();
    colleague.awaitAllSaved();
    assertThat(colleague.page("session")).contains("2 doses given", "Session total: Ketamine 64 mg");
  }

  /** The state of entry {@code id} on the session's entry status ({@code pending}, {@code saved}, ...). */
  private static String state(SessionClient session, String id) throws Exception {
    for (JsonElement entry : session.status().json().getAsJsonArray("entries")) {
      if (id.equals(entry.getAsJsonObject().get("id").getAsString())) {
        return entry.getAsJsonObject().get("state").getAsString();
      }
    }
    throw new AssertionError("entry " + id + " is not listed");
  }
}
