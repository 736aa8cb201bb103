package org.kapcompanion.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.vocabulary.NoKnownAllergy;

/**
 * Absence is never shown as a negative, against the sandbox EHR: a launch for a patient the EHR no longer has stops
 * on an error page (never a summary saying "no known allergies"); an empty allergy list says "none recorded in the
 * EHR", and "no known allergies" appears only where the EHR records that assertion.
 */
class UnreadablePatientIT {

  private static TestEnvironment environment;
  private static SandboxSessions ehr;
  private final HttpBrowser browser = new HttpBrowser();
  private final Launches launches = new Launches(environment, browser);

  @BeforeAll
  static void start() throws Exception {
    environment = TestEnvironment.get();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    ehr = SandboxSessions.of(environment);
  }

  @Test
  void launchForAPatientTheEhrCannotReadStopsOnAnErrorPageWithoutClinicalContent() throws Exception {
    String patient = "gone-" + UUID.randomUUID().toString().substring(0, 8);
    ehr.patient(patient, "Wren Halloway-Gone");
    var launchUrl = launches.appLaunchUrl(TestEnvironment.PUBLIC_CLIENT, patient, false);
    ehr.delete("Patient/" + patient);

    HttpBrowser.Page page = browser.last(browser.follow(browser.get(launchUrl)));

    assertThat(page.status()).isEqualTo(502);
    assertThat(page.body()).contains("record could not be read", "launch again from the chart")
        .doesNotContain("No known allergies", "None recorded", "Conditions", "Wren", "Halloway", "Exception",
            "at org.");
  }

  @Test
  void emptyAllergyListSaysNoneRecordedAndOnlyARecordedAssertionSaysNoKnownAllergies() throws Exception {
    String empty = "noallergy-" + UUID.randomUUID().toString().substring(0, 8);
    ehr.patient(empty, "Ilse Marrow-Empty");
    HttpBrowser.Page emptySummary = launches.ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, empty);
    assertThat(emptySummary.status()).isEqualTo(200);
    assertThat(emptySummary.body()).contains("Allergies: None recorded in the EHR", "None recorded in the EHR")
        .doesNotContain("No known allergies", "None recorded.");

    String asserted = "nka-" + UUID.randomUUID().toString().substring(0, 8);
    ehr.patient(asserted, "Tobias Quell-Asserted");
    AllergyIntolerance noneKnown = new AllergyIntolerance();
    noneKnown.setId(asserted + "-nka");
    noneKnown.setPatient(new Reference("Patient/" + asserted));
    noneKnown.setCode(new CodeableConcept().addCoding(new Coding(NoKnownAllergy.ANY.code().system(),
        NoKnownAllergy.ANY.code().code(), NoKnownAllergy.ANY.code().display())));
    ehr.add(noneKnown);
    HttpBrowser.Page assertedSummary = new Launches(environment, new HttpBrowser())
        .ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, asserted);
    assertThat(assertedSummary.body()).contains("Allergies: No known allergies")
        .doesNotContain("<span class=\"chip\">No known allergy");
  }
}
