package org.kapcompanion.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.testing.SandboxSessions;

/**
 * A blood pressure entered late, on a tablet and a phone: "Taken earlier?" records the minute it was taken, and a time
 * before the session started is refused with the session's window named and the typed values kept.
 */
class LateReadingBrowserIT extends BrowserTest {

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"820, 1180", "390, 844"})
  void aReadingTakenEarlierKeepsItsTimeAndOneBeforeTheSessionIsRefused(int width, int height) throws Exception {
    SandboxSessions sandbox = SandboxSessions.of(environment);
    String patient = sandbox.patientAwaitingTheDose("late", "Odile Marchetti-Vance", Duration.ofMinutes(20));
    Page page = SandboxLauncher.openDosingPage(chromium.newPage(width, height), environment, patient);
    page.setViewportSize(width, height);
    assertThat(page.locator("#dose-effective")).not().hasValue("");
    LocalDateTime clinicNow = LocalDateTime.parse(page.locator("#dose-effective").inputValue());
    ZoneId clinicZone = ZoneId.of(page.locator("[data-zone]").first().getAttribute("data-zone"));

    page.fill("#bp-sys", "138");
    page.fill("#bp-dia", "88");
    page.click("#bp-form details.late-time summary");
    page.fill("#bp-effective", clinicNow.minusMinutes(45).toString());
    page.click("#bp-form button[type=submit]");

    assertThat(page.locator("#bp-form-problems")).containsText("Not saved: The time must be from");
    assertThat(page.locator("#bp-sys")).hasValue("138");
    assertThat(page.locator("#bp-dia")).hasValue("88");
    Chromium.screenshot(page, "late-reading-refused-" + width + "x" + height);

    LocalDateTime takenAt = clinicNow.minusMinutes(10);
    page.fill("#bp-effective", takenAt.toString());
    page.click("#bp-form button[type=submit]");

    assertThat(page.locator("#bp-form-problems")).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(30_000));
    List<Observation> recorded = waitForBloodPressures(sandbox, patient, 2);
    assertThat(recorded).extracting(o -> o.getEffectiveDateTimeType().getValue().toInstant())
        .contains(takenAt.atZone(clinicZone).toInstant());
  }

  /** The patient's blood pressures once the EHR holds {@code count} of them (delivery is in the background). */
  private static List<Observation> waitForBloodPressures(SandboxSessions sandbox, String patient, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<Observation> found = List.of();
    while (System.nanoTime() < deadline) {
      List<Resource> resources = sandbox.search("Observation?subject=Patient/" + patient
          + "&code=http://loinc.org|85354-9&_count=50");
      found = resources.stream().filter(Observation.class::isInstance).map(Observation.class::cast).toList();
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(250);
    }
    return found;
  }
}
