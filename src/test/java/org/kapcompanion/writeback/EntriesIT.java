package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcompanion.testing.HttpBrowser;

/** Saving a session note through the app's entry endpoints ends with exactly one Observation in the sandbox EHR. */
class EntriesIT {

  private static final String PATIENT = "kap-pt-02";
  private static final String ENCOUNTER = "kap-pt-02-dose-02";
  @RegisterExtension
  static final LaunchFixture launches = new LaunchFixture();

  @Test
  void savedNoteIsAcknowledgedThenSavedToTheEhrOnceEvenWhenThePageResendsIt() throws Exception {
    SessionClient session = launches.launch(PATIENT, ENCOUNTER);
    String id = UUID.randomUUID().toString();

    SessionClient.Response first = session.saveNote(id, "Calm, eyes closed, slow breathing.", "breathwork");
    SessionClient.Response resent = session.saveNote(id, "Calm, eyes closed, slow breathing.", "breathwork");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("state").getAsString()).isEqualTo("pending");
    assertThat(resent.status()).isEqualTo(200);
    assertThat(awaitState(session, id, "saved", Duration.ofSeconds(120))).isTrue();
    SandboxFhir fhir = launches.fhir(session);
    assertThat(fhir.countByIdentifier("Observation", PATIENT, id)).isEqualTo(1);
    assertThat(fhir.countByTag("Provenance", PATIENT, id)).isEqualTo(1);
  }

  @Test
  void invalidNoteIsNeverStoredAndTheProblemsAreReturned() throws Exception {
    SessionClient session = launches.launch(PATIENT, ENCOUNTER);
    String id = UUID.randomUUID().toString();

    SessionClient.Response answer = session.saveNote(id, "Tagged with a code that does not exist.", "levitation");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("error").getAsString()).contains("unknown quick tag");
    assertThat(stateOf(session, id)).isNull();
  }

  @Test
  void noteHoldingANulCharacterIsRefusedAndNeverAcknowledged() throws Exception {
    SessionClient session = launches.launch(PATIENT, ENCOUNTER);
    String id = UUID.randomUUID().toString();

    SessionClient.Response answer = session.saveNote(id, "calm\u0000sea");

    assertThat(answer.status()).isIn(400, 422);
    assertThat(stateOf(session, id)).isNull();
  }

  @Test
  void integrationPlanWhoseThemesHoldANulCharacterIsNotAnsweredSaved() throws Exception {
    SessionClient session = launches.launch(PATIENT, ENCOUNTER);

    HttpBrowser.Page answer = session.browser().post(session.base().resolve("integration"), Map.of("csrf",
        session.csrf(), "entry", UUID.randomUUID().toString(), "themes", "calm\u0000sea"));

    assertThat(answer.status()).isIn(400, 422);
    assertThat(answer.status() == 400 || answer.body().contains("invisible control character"))
        .as("refused at the boundary, or by the save with what to change").isTrue();
    assertThat(session.status().json().getAsJsonArray("entries")).isEmpty();
  }

  /** The note belongs to the patient alone; {@code FullSessionIT} checks it reaches the EHR without an encounter. */
  @Test
  void noteWithoutAnEncounterInContextIsAcceptedForThePatient() throws Exception {
    SessionClient session = launches.launch(PATIENT, null);
    String entry = UUID.randomUUID().toString();

    SessionClient.Response answer = session.saveNote(entry, "No session open.");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(session.status().json().getAsJsonArray("entries").toString()).contains(entry);
  }

  @Test
  void malformedEntryIsRefusedAndSaveWithoutCsrfIsBlocked() throws Exception {
    SessionClient session = launches.launch(PATIENT, ENCOUNTER);

    assertThat(session.post("session/entries", "{\"id\": \"not-a-uuid\", \"text\": \"x\"}").status()).isEqualTo(400);
    assertThat(session.browser().post(session.base().resolve("session/entries"), java.util.Map.of("id", "x")).status())
        .isEqualTo(403);
  }

  @Test
  void notesPageLoadsItsScriptWithoutInlineScript() throws Exception {
    SessionClient session = launches.launch(PATIENT, ENCOUNTER);

    String page = session.browser().get(session.base().resolve("notes")).body();

    assertThat(page).contains("/assets/entry-id.js", "/assets/entries.js", "Emotional release", "data-csrf=")
        .doesNotContain("<script>");
    assertThat(session.browser().get(launches.appUrl("/assets/entries.js"))
        .body()).contains("beforeunload", "kapNewEntryId");
    assertThat(session.browser().get(launches.appUrl("/assets/entry-id.js")).body()).contains("randomUUID");
  }

  static boolean awaitState(SessionClient session, String id, String state, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (state.equals(stateOf(session, id))) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  static String stateOf(SessionClient session, String id) throws Exception {
    for (JsonElement entry : session.status().json().getAsJsonArray("entries")) {
      JsonObject item = entry.getAsJsonObject();
      if (item.get("id").getAsString().equals(id)) {
        return item.get("state").getAsString();
      }
    }
    return null;
  }
}
