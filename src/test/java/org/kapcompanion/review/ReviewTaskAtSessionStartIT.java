package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.DosingClient;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.SandboxSessions.FreshPatient;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.writeback.SessionClient;

/**
 * A session started from a patient's chart puts its review Task into the sandbox EHR, which enforces the launch's
 * scopes as a real EHR does: R4 keeps Task outside the Patient compartment, so only a user-level scope writes it.
 */
class ReviewTaskAtSessionStartIT {

  private final TestEnvironment environment = TestEnvironment.get();

  @Test
  void aSessionStartedFromThePatientsChartHasItsReviewTaskInTheEhr() throws Exception {
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    SandboxSessions sandbox = SandboxSessions.of(environment);
    FreshPatient fresh = sandbox.copyOf("kap-pt-02", "kap-pt-02-dose-01");
    DosingClient dosing = new DosingClient(SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT,
        fresh.patient(), fresh.encounter()));
    dosing.awaitReady();
    dosing.saveForm("predose/save", DosingClient.predose(true), "completed");
    dosing.awaitAllSaved();
    assertThat(dosing.start().status()).isEqualTo(302);
    dosing.awaitAllSaved();

    List<Resource> sessions = sandbox.search("Encounter?patient=" + fresh.patient() + "&type="
        + KapUrls.SESSION_TYPES + "|dosing-session&date=ge" + LocalDate.now());
    assertThat(sessions).hasSize(1);
    String encounterId = ((Encounter) sessions.get(0)).getIdElement().getIdPart();
    assertThat(sandbox.search("Task?identifier=" + KapUrls.ENTRY_ID + "|" + ReviewTasks.identifierOf(encounterId)))
        .singleElement().satisfies(task -> assertThat(((Task) task).getFocus().getReference())
            .isEqualTo("Encounter/" + encounterId));
  }
}
