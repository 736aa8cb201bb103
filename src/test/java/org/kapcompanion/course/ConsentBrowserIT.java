package org.kapcompanion.course;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;

/**
 * The course's informed consent in a real browser: a valid consent pre-fills the pre-dose checklist and is shown with
 * its date on the course page; an expired one blocks the checklist even when consent is ticked.
 */
class ConsentBrowserIT extends BrowserTest {

  private Page checklist(String patient) {
    Page page = SandboxLauncher.launchInWindow(SandboxLauncher.open(chromium, environment, patient, true));
    page.setViewportSize(820, 1180);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pre-dose checklist")).click();
    assertThat(page.locator("h1")).hasText("Pre-dose safety checklist");
    return page;
  }

  @Test
  void aValidConsentPreFillsTheChecklistAndIsShownWithItsDateOnTheCoursePage() {
    Page page = checklist("kap-pt-12");
    assertThat(page.locator("#fasting-rule")).containsText("no food for 2 h and no liquids for 30 min");
    assertThat(page.locator("#course-notice")).containsText("Informed consent:");
    assertThat(page.locator("#course-notice #consent-state")).containsText("Valid");
    assertThat(page.locator("#f-consent-treatment-yes")).isChecked();
    assertThat(page.locator("#f-consent-treatment legend")).containsText("from the record");
    assertThat(page.locator("#f-consent-touch-yes")).isChecked();
    assertThat(page.locator("#blockers")).not().containsText("Informed consent");
    Chromium.screenshot(page, "consent-valid-predose-820x1180");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Treatment course").setExact(true)).click();
    assertThat(page.locator("#course-consent")).containsText("Valid");
    assertThat(page.locator("#course-consent")).containsText("(form version 3), witnessed by Dr. Noor Halvorsen, PhD; "
        + "valid until");
    assertThat(page.locator("#course-consent")).containsText("Therapeutic touch: permitted. Recording: declined.");
  }

  @Test
  void anExpiredConsentBlocksTheChecklistEvenWhenConsentIsTicked() {
    Page page = checklist("kap-pt-11");
    assertThat(page.locator("#course-notice #consent-state")).containsText("Expired");
    assertThat(page.locator("#f-consent-treatment-yes")).not().isChecked();
    assertThat(page.locator("#blockers")).containsText("Informed consent");
    page.locator("#f-consent-treatment-yes").check();
    assertThat(page.locator("#blockers")).containsText("expired on");
    assertThat(page.locator("#blockers")).containsText("record the renewed consent in the EHR");
    assertThat(page.locator("#blockers h2")).not().hasText("Checklist complete");
    Chromium.screenshot(page, "consent-expired-predose-820x1180");
  }
}
