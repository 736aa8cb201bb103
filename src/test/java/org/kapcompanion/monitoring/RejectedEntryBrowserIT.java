package org.kapcompanion.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.testing.SandboxSessions;

/**
 * An entry the app refuses keeps what was typed, on a tablet held upright: a blood pressure whose diastolic is not
 * below its systolic, and a dose the app refuses with the time it was given as typed.
 */
class RejectedEntryBrowserIT extends BrowserTest {

  @Test
  void refusedBloodPressureAndDoseKeepTheTypedValuesOnScreen() throws Exception {
    String patient = SandboxSessions.of(environment).patientAwaitingTheDose("refused", "Cai Ellsworth-Tran",
        Duration.ofMinutes(3));
    Page page = SandboxLauncher.openDosingPage(chromium.newPortraitTabletPage(), environment, patient);

    page.fill("#bp-sys", "120");
    page.fill("#bp-dia", "130");
    page.click("#bp-form button[type=submit]");

    assertThat(page.locator("#bp-form-problems")).containsText("diastolic must be below the systolic");
    assertThat(page.locator("#bp-sys")).hasValue("120");
    assertThat(page.locator("#bp-dia")).hasValue("130");
    Chromium.screenshot(page, "refused-blood-pressure-keeps-values");

    String givenAt = LocalDateTime.now().minusMinutes(7).truncatedTo(ChronoUnit.MINUTES).toString();
    page.evaluate("() => document.getElementById('dose-mg').removeAttribute('max')");
    page.fill("#dose-mg", "1500");
    page.fill("#dose-lot", "KX24117");
    page.fill("#dose-effective", givenAt);
    page.click("#dose-form button[type=submit]");

    assertThat(page.locator("#dose-form-problems")).containsText("The dose (mg) must be a number");
    assertThat(page.locator("#dose-mg")).hasValue("1500");
    assertThat(page.locator("#dose-lot")).hasValue("KX24117");
    assertThat(page.locator("#dose-effective")).hasValue(givenAt);
    Chromium.screenshot(page, "refused-dose-keeps-values");
  }
}
