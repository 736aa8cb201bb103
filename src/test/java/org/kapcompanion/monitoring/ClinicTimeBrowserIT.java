package org.kapcompanion.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.testing.SandboxSessions;

/**
 * A tablet set to another time zone than the clinic's: the dose's "given at" is filled in and recorded at the
 * clinic's time, never shifted by the tablet's zone.
 */
class ClinicTimeBrowserIT extends BrowserTest {

  private static final String TABLET_ZONE = "Pacific/Kiritimati";

  @Test
  void doseTimeIsFilledInAndRecordedInTheClinicZoneWhateverTheTabletZone() throws Exception {
    SandboxSessions ehr = SandboxSessions.of(environment);
    String patient = ehr.patientAwaitingTheDose("zone", "Ilse Marchetti-Obi", Duration.ofMinutes(20));
    Instant now = Instant.now();
    ZoneId clinic = environment.app(org.kapcompanion.testing.TestEnvironment.PUBLIC_CLIENT).config().timeZone();
    assertThat(clinic.getRules().getOffset(now)).as("the tablet's zone differs from the clinic's")
        .isNotEqualTo(ZoneId.of(TABLET_ZONE).getRules().getOffset(now));

    Page page = SandboxLauncher.openDosingPage(chromium.newPortraitTabletPage(TABLET_ZONE), environment, patient);

    assertThat(page.locator("#dose-effective")).not().hasValue("");
    LocalDateTime shown = LocalDateTime.parse(page.locator("#dose-effective").inputValue());
    LocalDateTime clinicNow = LocalDateTime.now(clinic);
    assertThat(Duration.between(shown, clinicNow).abs()).as("the clinic's time now").isLessThan(Duration.ofMinutes(2));

    LocalDateTime givenAt = clinicNow.minusMinutes(10).truncatedTo(ChronoUnit.MINUTES);
    page.fill("#dose-mg", "35");
    page.fill("#dose-lot", "KX24117");
    page.fill("#dose-effective", givenAt.toString());
    page.click("#dose-form button[type=submit]");
    assertThat(page.locator("#sync")).hasText("All entries saved to the EHR",
        new LocatorAssertions.HasTextOptions().setTimeout(60_000));

    List<Resource> doses = ehr.search("MedicationAdministration?subject=Patient/" + patient);
    assertThat(doses).singleElement().satisfies(dose -> assertThat(
        ((MedicationAdministration) dose).getEffectiveDateTimeType().getValue().toInstant())
        .isEqualTo(givenAt.atZone(clinic).toInstant()));
  }
}
