package org.kapcompanion.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.testing.SandboxSessions;

/**
 * The dose as Chromium sends it: a decimal comma typed into "Dose (mg)" is refused with the point to use (a number
 * field turned 12,5 into 125), and every dose given in the session stays listed with the session's total.
 */
class DoseEntryBrowserIT extends BrowserTest {

  @Test
  void aDoseTypedWithADecimalCommaIsRefusedAndKeptAsTypedNeverSavedAsTenTimesAsMuch() throws Exception {
    String patient = SandboxSessions.of(environment).patientAwaitingTheDose("comma", "Ines Valbuena-Okafor",
        Duration.ofMinutes(3));
    Page page = SandboxLauncher.openDosingPage(chromium.newPortraitTabletPage(), environment, patient);

    page.locator("#dose-mg").pressSequentially("12,5");
    page.fill("#dose-lot", "KX24117");
    page.click("#dose-form button[type=submit]");

    assertThat(page.locator("#dose-form-problems")).containsText("use a point for decimals, e.g. 12.5");
    assertThat(page.locator("#dose-mg")).hasValue("12,5");
    assertThat(page.locator("#dose-list")).hasCount(0);
    page.reload();
    assertThat(page.locator("#dose-form")).isVisible();
    assertThat(page.locator("#dose-list")).hasCount(0);
    Chromium.screenshot(page, "dose-comma-refused");
  }

  @Test
  void anotherDoseIsRecordedAsSuchAndEveryDoseIsListedWithTheSessionTotal() throws Exception {
    String patient = SandboxSessions.of(environment).patientAwaitingTheDose("top-up", "Rosalind Achebe-Lund",
        Duration.ofMinutes(3));
    Page page = SandboxLauncher.openDosingPage(chromium.newPortraitTabletPage(), environment, patient);

    page.locator("#dose-mg").pressSequentially("32");
    page.fill("#dose-lot", "KX24117");
    page.click("#dose-form button[type=submit]");
    assertThat(page.locator("#dose-list li")).hasCount(1);
    assertThat(page.locator("#another-dose")).not().hasAttribute("open", "");

    page.click("#another-dose summary");
    page.locator("#dose-mg").pressSequentially("40");
    page.fill("#dose-lot", "KX24118");
    page.click("#dose-form button[type=submit]");

    assertThat(page.locator("#dose-list li")).hasCount(2);
    assertThat(page.locator("#dose-total")).hasText("Session total: Ketamine 72 mg");
    page.reload();
    assertThat(page.locator("#dose-list li").nth(0)).containsText("Ketamine 32 mg");
    assertThat(page.locator("#dose-list li").nth(1)).containsText("Ketamine 40 mg");
    assertThat(page.locator("#dose-total")).hasText("Session total: Ketamine 72 mg");
    assertThat(page.locator("#session-clock")).containsText("since the first dose");
    Chromium.screenshot(page, "two-doses-listed-with-total");
  }
}
