package org.kapcompanion.course;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;

/** The treatment course page and the pre-dose notice in a real browser, on a tablet held upright (820x1180). */
class CourseBrowserIT extends BrowserTest {

  private Page launched(String patient) {
    Page page = SandboxLauncher.launchInWindow(SandboxLauncher.open(chromium, environment, patient, true));
    page.setViewportSize(820, 1180);
    page.waitForSelector("#conditions-title");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Treatment course")).click();
    assertThat(page.locator("h1")).hasText("Treatment course");
    return page;
  }

  @Test
  void escalatingPatientsCourseShowsEverySignalItsSessionsAndTheScaleDue() {
    Page page = launched("kap-pt-08");
    assertThat(page.locator(".banner")).containsText("Tobias Brandt");
    Locator signals = page.locator("#course-watch tr.watch-signal");
    assertThat(signals).hasCount(6);
    assertThat(signals.nth(0)).containsText("are 1 day apart; the protocol allows at least 2");
    assertThat(page.locator("#course-watch")).containsText("raised from 200 mg to 300 mg");
    assertThat(page.locator("#course-watch")).containsText("raised from 300 mg to 400 mg");
    assertThat(page.locator("#course-watch")).containsText("1450 mg since");
    assertThat(page.locator("#course-watch")).containsText("above the protocol's limit");
    assertThat(page.locator("#course-watch tr.watch-clear")).containsText("None recorded in the EHR.");
    Locator rows = page.locator("#course-sessions tbody tr");
    assertThat(rows).hasCount(5);
    assertThat(rows.nth(2)).containsText("300");
    assertThat(rows.nth(2)).containsText("3.66");
    assertThat(rows.nth(2)).containsText("Ketamine, Sublingual");
    assertThat(rows.nth(2)).containsText("Vomiting symptom (finding)");
    assertThat(rows.nth(4)).containsText("184/112");
    assertThat(rows.nth(4)).containsText("Blood pressure above threshold");
    assertThat(page.locator("#course-stand")).containsText("Session 5 of 6 of the induction series");
    assertThat(page.locator("#course-scales tbody tr").nth(0)).containsText("Due since");
    assertThat(page.locator("#course-scales tbody tr").nth(2)).containsText("None recorded in the EHR.");
    Number overflow = (Number) page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
    assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
    for (String part : new String[] {"#course-sessions", "#course-scales", "#course-watch"}) {
      Number sideways = (Number) page.evaluate("part => { const card = document.querySelector(part);"
          + " const right = card.getBoundingClientRect().right;"
          + " const scrolling = [card, ...card.querySelectorAll('*')]"
          + "   .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))"
          + "   .map(e => e.scrollWidth - e.clientWidth);"
          + " const cells = [...card.querySelectorAll('tbody td, tbody th')]"
          + "   .map(e => e.getBoundingClientRect().right - right);"
          + " return Math.max(0, ...scrolling, ...cells); }", part);
      assertThat(sideways.intValue()).as(part + " scrolls sideways at 820 px").isLessThanOrEqualTo(0);
    }
    Chromium.screenshot(page, "course-escalating-820x1180");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pre-dose checklist")).click();
    Locator notice = page.locator("#course-notice");
    assertThat(notice).containsText("Cumulative dose, 30 days");
    assertThat(notice).containsText("Session spacing");
    assertThat(notice.locator(".flag-attention")).hasCount(6);
    Chromium.screenshot(page, "course-predose-notice-820x1180");
  }

  @Test
  void patientInRemissionShowsResponseAndRemissionAgainstTheBaselineAndNoSignal() {
    Page page = launched("kap-pt-07");
    assertThat(page.locator("#course-watch tr.watch-signal")).hasCount(0);
    Locator phq9 = page.locator("#course-scales tbody tr").nth(0);
    assertThat(phq9).containsText("21");
    assertThat(phq9).containsText("86 % lower");
    assertThat(phq9).containsText("Response");
    assertThat(phq9).containsText("Remission");
    assertThat(page.locator("#course-stand")).containsText("Maintenance");
    assertThat(page.locator("#course-sessions tbody tr")).hasCount(7);
    Chromium.screenshot(page, "course-remission-820x1180");
  }
}
