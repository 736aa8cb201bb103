package org.kapcompanion.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

  /**
   * Two tabs on the dosing page both record "32 mg": the second tab's dose is not saved without a word. It comes back
   * with every typed value, beside the dose recorded since and the question whether it is a further dose; the EHR
   * keeps one dose until the clinician confirms, and then two.
   */
  @Test
  void aDoseFromATabThatDidNotShowTheDoseRecordedSinceIsSavedOnlyOnceConfirmedAsAFurtherDose() throws Exception {
    String patient = SandboxSessions.of(environment).patientAwaitingTheDose("two-tabs", "Yael Ben-Haim Okonkwo",
        Duration.ofMinutes(3));
    Page first = SandboxLauncher.openDosingPage(chromium.newPortraitTabletPage(), environment, patient);
    Page second = first.context().newPage();
    second.navigate(first.url());
    second.locator("#dose-mg").pressSequentially("32");
    second.fill("#dose-lot", "KX24117");

    first.locator("#dose-mg").pressSequentially("32");
    first.fill("#dose-lot", "KX24117");
    first.click("#dose-form button[type=submit]");
    assertThat(first.locator("#dose-list li")).hasCount(1);
    second.click("#dose-form button[type=submit]");

    assertThat(second.locator("#dose-form-confirm")).isVisible();
    assertThat(second.locator("#dose-form-confirm li")).hasCount(1);
    assertThat(second.locator("#dose-form-confirm li")).containsText("Ketamine 32 mg IM · lot KX24117");
    assertThat(second.locator("#dose-form-confirm")).containsText("Record this as a further dose?");
    assertThat(second.locator("#dose-mg")).hasValue("32");
    assertThat(second.locator("#dose-lot")).hasValue("KX24117");
    assertThat(second.locator("#dose-list li")).hasCount(1);
    assertThat(second.locator("#dose-total")).hasText("Session total: Ketamine 32 mg");
    Chromium.screenshot(second, "dose-recorded-since-asks-first");
    first.reload();
    assertThat(first.locator("#dose-list li")).hasCount(1);
    List<String> dialogs = new CopyOnWriteArrayList<>();
    second.onDialog(dialog -> {
      dialogs.add(dialog.type());
      dialog.dismiss();
    });
    second.locator("nav.session-nav a", new Page.LocatorOptions().setHasText("Session notes")).click();
    second.waitForCondition(() -> !dialogs.isEmpty());
    assertThat(second.locator("#dose-mg")).hasValue("32");

    second.click("#dose-form [data-confirm-further]");
    assertThat(second.locator("#dose-list li")).hasCount(2);
    assertThat(second.locator("#dose-total")).hasText("Session total: Ketamine 64 mg");
    assertThat(second.locator("#dose-form-confirm")).isHidden();
    first.reload();
    assertThat(first.locator("#dose-list li")).hasCount(2);
  }
}
