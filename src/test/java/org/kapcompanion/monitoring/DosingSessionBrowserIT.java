package org.kapcompanion.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.web.BrowserCookie;

/**
 * The dosing workspace in a real browser, at a tablet's size: blocked start, start, dose, vitals raising an alert, a
 * tagged note, and discharge, each save shown from saving to saved.
 */
class DosingSessionBrowserIT extends BrowserTest {

  private static final String PATIENT = "kap-pt-02";
  private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions()
      .setTimeout(60_000);

  @Test
  void therapistRunsADosingSessionFromStartToDischarge() throws Exception {
    Page page = SandboxLauncher.launchInWindow(SandboxLauncher.open(chromium, environment, PATIENT, true));
    page.setViewportSize(820, 1180);
    page.waitForSelector("#conditions-title");
    page.getByText("Dosing session").first().click();
    assertThat(page.locator("#start-session")).isDisabled();
    assertThat(page.locator("#start-blockers")).containsText("pre-dose checklist has not been saved yet");
    Chromium.screenshot(page, "session-start-blocked");

    String handle = page.url().split("/")[4];
    String browserKey = page.context().cookies().stream().filter(c -> c.name.equals(BrowserCookie.NAME))
        .findFirst().orElseThrow().value;
    SandboxRecord.forSession(environment, handle, browserKey).completePredose(PATIENT);
    page.reload();
    page.click("#start-session");

    page.selectOption("#dose-route", "78421000");
    page.fill("#dose-mg", "50");
    page.fill("#dose-lot", "KX24117");
    page.fill("#dose-effective", LocalDateTime.now().minusMinutes(125).truncatedTo(ChronoUnit.MINUTES).toString());
    page.click("#dose-form button[type=submit]");
    assertThat(page.locator("#session-clock")).containsText("since dose", new LocatorAssertions.ContainsTextOptions()
        .setTimeout(60_000));

    page.fill("#bp-sys", "132");
    page.fill("#bp-dia", "84");
    page.click("#bp-form button[type=submit]");
    page.fill("#hr-value", "82");
    page.keyboard().press("Enter");
    page.fill("#spo2-value", "88");
    page.click("#spo2-form button[type=submit]");
    assertThat(page.locator(".card.alert")).containsText("Oxygen saturation below threshold",
        new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
    page.fill("#moaas-value", "4");
    page.click("#moaas-form button[type=submit]");

    page.fill("#note-text", "Eyes closed, slow breathing; asked for the blanket.");
    page.check("input[value=breathwork]");
    page.click("#note-form button[type=submit]");
    assertThat(page.locator("#timeline")).containsText("asked for the blanket",
        new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
    assertThat(page.locator("#sync")).hasText("All entries saved to the EHR", SLOW);
    assertThat(page.locator("#timeline li[data-state=saved]").first()).isVisible();
    page.locator("#vitals-chart").scrollIntoViewIfNeeded();
    Chromium.screenshot(page, "session-alert-tablet");
    page.setViewportSize(1280, 900);
    page.evaluate("window.scrollTo(0, 0)");
    Chromium.screenshot(page, "session-desktop");
    page.setViewportSize(820, 1180);

    page.getByText("Go to discharge").click();
    assertThat(page.locator("#discharge-blockers")).containsText("Sedation resolved");
    for (String yes : new String[] {"sedation-resolved", "dissociation-resolved", "bp-acceptable",
        "clinically-stable", "responsible-adult", "no-driving", "recovery-instructions"}) {
      page.check("#f-" + yes + "-yes");
    }
    page.fill("#f-ready-to-leave-time", LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).toString());
    page.click("#discharge-form button[type=submit]");
    page.fill("#f-responsible-adult-name", "Sam Lee (partner)");
    Chromium.screenshot(page, "discharge-checklist");
    page.click("#discharge-form button[type=submit]");
    assertThat(page.locator("#discharged")).containsText("Discharged", new LocatorAssertions.ContainsTextOptions()
        .setTimeout(30_000));
    assertThat(page.locator("#sync")).hasText("All entries saved to the EHR", SLOW);
    Chromium.screenshot(page, "discharged");
  }
}
