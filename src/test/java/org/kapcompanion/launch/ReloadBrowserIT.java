package org.kapcompanion.launch;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;

/**
 * A reload on an upright tablet (820×1180) and a phone (390×844) keeps the clinician on the page they were on: the EHR's page relaunches
 * the app in its frame and the tab returns to its page only for the same user, patient and encounter; a window keeps
 * its page, and says to launch again from the EHR once its session is gone.
 */
class ReloadBrowserIT extends BrowserTest {

  private static final Pattern SESSION_PAGE = Pattern.compile(".*/s/[^/]+/.*");
  private static final String CURRENT = "nav.session-nav a[aria-current=page]";

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"820, 1180", "390, 844"})
  void reloadOfTheEhrPageReturnsTheFrameToItsPageForTheSamePatientOnly(int width, int height) {
    Page page = SandboxLauncher.open(chromium.newPage(width, height), environment, "kap-pt-04", true);
    page.click("button[value=frame]");
    FrameLocator app = page.frameLocator("iframe.app");
    app.locator("nav.session-nav a", new FrameLocator.LocatorOptions().setHasText("Pre-dose checklist")).click();
    assertThat(app.locator(CURRENT)).hasText("Pre-dose checklist");
    String before = page.frameByUrl(SESSION_PAGE).url();

    page.reload();

    assertThat(app.locator(CURRENT)).hasText("Pre-dose checklist");
    assertThat(app.locator("[data-testid=patient-name]")).hasText("Gideon Abernathy-Cruz");
    String after = page.frameByUrl(SESSION_PAGE).url();
    assertThat(after).endsWith("/predose").isNotEqualTo(before);
    Chromium.screenshot(page, "reload-frame-keeps-page-" + width + "x" + height);

    SandboxLauncher.open(page, environment, "kap-pt-01", true);
    page.click("button[value=frame]");

    assertThat(app.locator("[data-testid=patient-name]")).hasText("Marisol Quintero-Hale");
    assertThat(app.locator(CURRENT)).hasText("Record summary");
    assertThat(page.frameByUrl(SESSION_PAGE).url()).endsWith("/");
    Chromium.screenshot(page, "reload-frame-other-patient-opens-summary-" + width + "x" + height);
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"820, 1180", "390, 844"})
  void reloadOfAWindowKeepsItsPageAndAGoneSessionSaysToLaunchAgainFromTheEhr(int width, int height) {
    Page launcher = SandboxLauncher.open(chromium.newPage(width, height), environment, "kap-pt-04", true);
    Page window = SandboxLauncher.launchInWindow(launcher);
    window.setViewportSize(width, height);
    window.locator("nav.session-nav a", new Page.LocatorOptions().setHasText("Pre-dose checklist")).click();
    assertThat(window.locator(CURRENT)).hasText("Pre-dose checklist");
    String before = window.url();

    window.reload();

    assertThat(window.locator(CURRENT)).hasText("Pre-dose checklist");
    assertThat(window.locator("[data-testid=patient-name]")).hasText("Gideon Abernathy-Cruz");
    assertThat(window.url()).isEqualTo(before);

    window.context().clearCookies();
    window.reload();

    assertThat(window.locator("h1")).hasText("Your session has ended");
    assertThat(window.locator("main")).containsText("Launch again from the EHR.");
    Chromium.screenshot(window, "reload-window-session-gone-" + width + "x" + height);
  }
}
