package org.kapcompanion.preparation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Media;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;

/** The preparation page and the recovery handout in a real browser. */
class PreparationBrowserIT extends BrowserTest {

  private Page launched(String patient, String encounter) {
    Page launcher = SandboxLauncher.open(chromium, environment, patient, true);
    launcher.selectOption("#encounter", encounter);
    return SandboxLauncher.launchInWindow(launcher);
  }

  @Test
  void preparationNotesAreShownEditedAndSaved() {
    Page page = launched("kap-pt-01", "kap-pt-01-prep-01");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Preparation")).click();
    assertThat(page.locator("h1")).hasText("Preparation");
    assertThat(page.locator(".answers")).containsText("harbor");
    assertThat(page.locator(".sessions")).isVisible();
    assertThat(page.locator("#score-chart")).isVisible();
    assertThat(page.locator("#fasting-rule")).hasText(
        "Fasting (clinic protocol): no food for 2 h and no liquids for 30 min before the dose.");
    String trigger = "Loud alarms (" + UUID.randomUUID() + ")";
    page.locator("#f-triggers").fill(trigger);
    page.locator("#f-safety-plan").fill("Not sleeping: call Daniel, then the clinic; 988.");
    page.locator("#f-setting-music").fill("Instrumental, no lyrics");
    page.locator("#f-setting-eyeshades-yes").check();
    page.locator("#f-setting-touch").fill("Hand on shoulder only when asked");
    page.locator("#f-fasting-instructed-yes").check();
    page.locator("button[data-save]").click();
    assertThat(page.locator("#save-status")).hasText("Saved to the EHR (complete).",
        new LocatorAssertions.HasTextOptions().setTimeout(60_000));
    Chromium.screenshot(page, "preparation-saved");
    page.reload();
    assertThat(page.locator(".answers")).containsText(trigger);
    assertThat(page.locator(".answers")).containsText("call Daniel, then the clinic");
    assertThat(page.locator(".answers")).containsText("Instrumental, no lyrics");
    assertThat(page.locator(".answers")).containsText("Hand on shoulder only when asked");
  }

  @Test
  void handoutPrintsWithoutNavigationOrBanner() {
    Page page = launched("kap-pt-02", "kap-pt-02-dose-02");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Recovery handout")).click();
    assertThat(page.locator(".handout")).containsText("Do not drive");
    assertThat(page.locator(".banner")).isVisible();
    Chromium.screenshot(page, "handout-screen");
    page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
    assertThat(page.locator(".banner")).isHidden();
    assertThat(page.locator(".session-nav")).isHidden();
    assertThat(page.locator(".handout")).isVisible();
    Chromium.screenshot(page, "handout-print");
  }
}
