package org.kapcompanion.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.testing.SandboxSessions;

/**
 * An alert in sight on a tablet held upright: a severe blood pressure's alert stays in a fixed bar while the
 * therapist works at the forms far down the page, and is shown on the session notes page, until it is acknowledged;
 * the acknowledgement is a session note that reaches the EHR.
 */
class AlertBarBrowserIT extends BrowserTest {

  @Test
  void alertStaysInSightAtTheFormsUntilAcknowledgedAndTheAcknowledgementReachesTheEhr() throws Exception {
    String patient = "alertbar-" + UUID.randomUUID().toString().substring(0, 8);
    SandboxSessions ehr = SandboxSessions.of(environment);
    ehr.patient(patient, "Noor Vasquez-Bell");
    Instant now = Instant.now();
    Instant severe = now.minus(Duration.ofMinutes(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    ehr.running(patient + "-session", patient, Launches.THERAPIST, now.minus(Duration.ofMinutes(5)),
        now.minus(Duration.ofMinutes(4)), 186, 114, severe);
    ehr.addBloodPressure(patient + "-session", patient, Launches.THERAPIST, now.minus(Duration.ofMinutes(5)),
        patient + "-bp-same-minute", severe.plusSeconds(40), 150, 95);

    Page page = SandboxLauncher.openDosingPage(chromium.newPortraitTabletPage(), environment, patient);

    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)
        .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Blood pressure above threshold")))
        .isVisible();
    page.waitForFunction("() => window.Chart && Chart.getChart(document.getElementById('vitals-chart'))");
    Object chart = page.evaluate("() => { const c = Chart.getChart(document.getElementById('vitals-chart'));"
        + " return c.options.scales.x.type + ' ' + c.data.datasets[0].data.map(p => p.y).join(','); }");
    org.assertj.core.api.Assertions.assertThat(chart).as("both readings of the same minute, on a linear axis")
        .isEqualTo("linear 186,150");
    page.locator("#note-form").scrollIntoViewIfNeeded();
    assertThat(page.locator("#note-form")).isInViewport();
    assertThat(page.locator("#alert-bar")).isInViewport();
    assertThat(page.locator("#alert-bar")).containsText("186/114");
    page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.ARTIFACTS.resolve("alert-bar-at-the-note-form.png")));
    page.locator("nav.session-nav a", new Page.LocatorOptions().setHasText("Session notes")).click();
    assertThat(page.locator("#open-alerts")).containsText("Blood pressure above threshold");
    page.locator("#open-alerts a").click();

    page.locator("#alert-bar .alert-ack").first().click();

    assertThat(page.locator("#alert-bar .alert-ack-problem")).isHidden();
    assertThat(page.locator("#alert-bar")).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(60_000));
    page.waitForResponse(response -> response.url().endsWith("entries/status") && response.text().contains("saved"),
        new Page.WaitForResponseOptions().setTimeout(30_000), () -> { }); // lists the acknowledgement, this tab's own
    assertThat(page.locator("#other-tab")).isHidden();
    page.reload();
    assertThat(page.locator("#timeline")).containsText("Alert acknowledged: Blood pressure above threshold");
    assertThat(page.locator("#alert-bar")).hasCount(0);
    assertThat(page.locator("#timeline li", new Page.LocatorOptions().setHasText("Alert acknowledged")))
        .hasAttribute("data-state", "saved", new LocatorAssertions.HasAttributeOptions().setTimeout(120_000));
    page.locator("nav.session-nav a", new Page.LocatorOptions().setHasText("Session notes")).click();
    assertThat(page.locator("h1")).hasText("Session notes");
    assertThat(page.locator("#open-alerts")).hasCount(0);
  }
}
