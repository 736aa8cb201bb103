package org.kapcompanion.launch;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;

/** A clinician's launch in a real browser: from the sandbox launcher into the EHR frame and into a new window. */
class LaunchBrowserIT extends BrowserTest {


  private Page launcher(String patient, boolean banner) {
    return SandboxLauncher.open(chromium, environment, patient, banner);
  }

  @Test
  void launchInsideTheEhrFrameShowsBannerAndSummary() {
    Page page = launcher("kap-pt-01", true);
    page.click("button[value=frame]");
    FrameLocator app = page.frameLocator("iframe.app");
    assertThat(app.locator("[data-testid=patient-name]")).hasText("Marisol Quintero-Hale");
    assertThat(app.locator("#medications-title")).isVisible();
    assertThat(app.locator(".flag-interaction").first()).containsText("Benzodiazepine");
    assertThat(app.locator("#score-chart")).isVisible();
    Chromium.screenshot(page, "launch-in-ehr-frame");
  }

  @Test
  void launchInANewWindowShowsBannerAndSummary() {
    Page page = launcher("kap-pt-04", true);
    Page window = SandboxLauncher.launchInWindow(page);
    assertThat(window.locator("[data-testid=patient-name]")).hasText("Gideon Abernathy-Cruz");
    assertThat(window.locator(".flag-caution").first()).containsText("Hypertension");
    assertThat(window.locator("table.sessions")).isVisible();
    window.waitForFunction("() => window.Chart && Chart.getChart(document.getElementById('score-chart'))");
    Chromium.screenshot(window, "launch-in-window");
  }

  @Test
  void theEhrsOwnBannerIsRespected() {
    Page page = launcher("kap-pt-02", false);
    page.click("button[value=frame]");
    FrameLocator app = page.frameLocator("iframe.app");
    assertThat(app.locator("#conditions-title")).isVisible();
    assertThat(app.locator("header.banner")).hasCount(0);
  }

  @Test
  void hostilePatientRendersAsInertText() {
    Page page = launcher("kap-pt-hostile", true);
    List<String> dialogs = new ArrayList<>();
    page.onDialog(dialog -> {
      dialogs.add(dialog.message());
      dialog.dismiss();
    });
    page.click("button[value=frame]");
    FrameLocator app = page.frameLocator("iframe.app");
    Locator name = app.locator("[data-testid=patient-name]");
    assertThat(name).containsText("<script>alert(1)</script>");
    assertThat(app.locator("script:not([src])")).hasCount(0);
    Chromium.screenshot(page, "hostile-patient");
    assertThat(dialogs).isEmpty();
  }
}
