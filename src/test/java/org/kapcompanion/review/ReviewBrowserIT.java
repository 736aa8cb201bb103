package org.kapcompanion.review;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Media;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.ReviewQueueSignIn;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.SandboxSessions.Session;
import org.kapcompanion.testing.TestEnvironment;

/**
 * The supervisor's path in a real browser: standalone sign-in from the start page, the queue filtered to one
 * therapist, the flagged session's timeline, the co-sign, and the queue showing it reviewed; then the printout.
 */
class ReviewBrowserIT extends BrowserTest {

  @BeforeAll
  static void writeSessions() throws Exception {
    SandboxSessions sessions = SandboxSessions.of(environment);
    sessions.practitioner("rb-therapist", "Robin Vale");
    sessions.patient("rb-patient", "Harper Lindgren");
    sessions.write(List.of(
        Session.plain("rb-quiet", "rb-patient", "rb-therapist", Instant.parse("2021-09-10T09:00:00Z")),
        Session.plain("rb-flagged", "rb-patient", "rb-therapist", Instant.parse("2021-09-09T09:00:00Z"))
            .withAlert().withAdverseEvent()));
  }

  /** The chart's vital-signs axis names the units as the pages show them ("mmHg"), never a UCUM code ("mm[Hg]"). */
  @Test
  void theSessionChartNamesItsVitalSignUnitsAsShownAndCountsWholeMinutes() {
    Page page = chromium.newPage();
    page.navigate(environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "/").toString());
    ReviewQueueSignIn.signIn(page);
    page.navigate(page.url().replaceAll("/review(\\?.*)?$", "/review/session?id=rb-quiet"));
    assertThat(page.locator("#session-chart")).isVisible();

    String chart = "Chart.getChart(document.getElementById('session-chart'))";
    org.assertj.core.api.Assertions.assertThat((String) page.evaluate(chart + ".options.scales.vitals.title.text"))
        .startsWith("mmHg").doesNotContain("[");
    org.assertj.core.api.Assertions.assertThat((List<?>) page.evaluate(chart + ".scales.x.ticks.map(t => t.value)"))
        .isNotEmpty().allSatisfy(tick -> org.assertj.core.api.Assertions.assertThat(((Number) tick).doubleValue() % 1)
            .isZero());
  }

  @Test
  void supervisorSignsInOpensAFlaggedSessionAndCoSignsIt() {
    Page page = chromium.newPage();
    page.navigate(environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "/").toString());
    ReviewQueueSignIn.signIn(page);

    page.selectOption("#f-therapist", "rb-therapist");
    page.selectOption("#f-status", "awaiting");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show sessions")).click();
    Locator rows = page.locator("table.queue tbody tr");
    assertThat(rows).hasCount(2);
    assertThat(rows.first()).hasAttribute("data-encounter", "rb-flagged");
    assertThat(rows.first()).containsText("Safety alert");
    assertThat(rows.first()).containsText("Adverse event");
    assertThat(rows.first()).containsText("Harper Lindgren");
    Chromium.screenshot(page, "review-queue");

    rows.first().locator("a.row-link").click();
    assertThat(page.locator("h1")).containsText("KAP dosing session");
    assertThat(page.locator(".banner")).containsText("Harper Lindgren");
    assertThat(page.locator("#review-status")).hasText("Awaiting review");
    assertThat(page.locator("ol.timeline")).containsText("Blood pressure above threshold");
    assertThat(page.locator("#session-chart")).isVisible();
    Chromium.screenshot(page, "review-session");

    page.getByLabel("Review comment").fill("BP alert handled per protocol; recheck at the next session.");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Co-sign session")).click();
    assertThat(page.locator("#review-message")).containsText("Co-signed");
    assertThat(page.locator("#review-status")).hasText("Reviewed");
    assertThat(page.locator(".cosigned")).containsText("Dr. Ines Achterberg, MD");
    Chromium.screenshot(page, "review-cosigned");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Review queue")).click();
    page.selectOption("#f-therapist", "rb-therapist");
    page.selectOption("#f-status", "all");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show sessions")).click();
    Locator flagged = page.locator("tr[data-encounter=rb-flagged]");
    assertThat(flagged).hasAttribute("data-review", "reviewed");
    assertThat(flagged).containsText("Reviewed");
    assertThat(flagged).containsText("Dr. Ines Achterberg, MD");
    Chromium.screenshot(page, "review-queue-reviewed");

    page.navigate(page.url().replaceAll("/review\\?.*", "/review/print?id=rb-flagged"));
    page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
    assertThat(page.locator("#rems-title")).isVisible();
    assertThat(page.locator("#print-button")).isHidden();
    assertThat(page.locator("#rems-baseline-taken")).hasText(Pattern.compile("2021-09-0[89] \\d\\d:\\d5"));
    Chromium.screenshot(page, "review-print");
  }
}
