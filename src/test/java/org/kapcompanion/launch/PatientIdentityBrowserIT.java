package org.kapcompanion.launch;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;

/**
 * Who the patient is, on a tablet held upright: outside the EHR's frame every page shows the patient's name, birth
 * date and MRN even when the EHR says it shows its own banner, and the window title names the patient's initials and
 * the page; inside the frame the app follows {@code need_patient_banner}.
 */
class PatientIdentityBrowserIT extends BrowserTest {

  private static final String PATIENT = "kap-pt-04";

  @Test
  void aWindowLaunchShowsIdentityOnEveryPageAndInTheTitle() {
    Page launcher = SandboxLauncher.open(chromium.newPortraitTabletPage(), environment, PATIENT, false);
    Page window = SandboxLauncher.launchInWindow(launcher);
    assertIdentity(window, "Record summary");
    Chromium.screenshot(window, "identity-window-summary");
    for (String page : new String[] {"Pre-dose checklist", "Dosing session", "Discharge"}) {
      window.locator("nav.session-nav a", new Page.LocatorOptions().setHasText(page)).click();
      assertIdentity(window, page);
    }
    window.evaluate("() => window.scrollTo(0, document.body.scrollHeight)");
    assertThat(window.locator("[data-testid=patient-name]")).isInViewport();
    Chromium.screenshot(window, "identity-window-discharge");
  }

  @Test
  void insideTheEhrFrameTheEhrsOwnBannerIsFollowedAndTheTitleStillNamesThePatient() {
    Page ehr = SandboxLauncher.open(chromium.newPortraitTabletPage(), environment, PATIENT, false);
    ehr.click("button[value=frame]");
    FrameLocator app = ehr.frameLocator("iframe.app");
    assertThat(app.locator("#conditions-title")).isVisible();
    assertThat(app.locator("header.banner")).hasCount(0);
    String title = ehr.frames().stream().filter(frame -> frame.url().contains("/s/")).findFirst().orElseThrow().title();
    org.assertj.core.api.Assertions.assertThat(title).isEqualTo("GA-C · Record summary · KAP Companion");
    Chromium.screenshot(ehr, "identity-ehr-frame");
  }

  private static void assertIdentity(Page window, String pageName) {
    assertThat(window).hasTitle("GA-C · " + pageName + " · KAP Companion");
    assertThat(window.locator("[data-testid=patient-name]")).hasText("Gideon Abernathy-Cruz");
    assertThat(window.locator("[data-testid=patient-birth-date]")).hasText(Pattern.compile("^born \\d{4}-\\d{2}-\\d{2}$"));
    assertThat(window.locator("[data-testid=patient-mrn]")).hasText("MRN HLP-100104");
  }
}
