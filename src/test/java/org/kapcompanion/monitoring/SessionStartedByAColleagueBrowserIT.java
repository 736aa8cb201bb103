package org.kapcompanion.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.DosingClient;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.writeback.HeldDelivery;

/**
 * The co-therapist's dosing page on an upright tablet (820×1180) while the therapist's session start waits in the
 * outbox: it says when the session was started instead of offering "Start session", and shows the running session by
 * itself once the start has reached the EHR.
 */
class SessionStartedByAColleagueBrowserIT extends BrowserTest {

  @Test
  void aColleaguesStartOnItsWayIsAnnouncedWithItsTimeAndTheRunningSessionAppearsWithoutAClick() throws Exception {
    String patient = DosingClient.patientReadyToStart(environment, "colleague-start-page", "Ilse Mwangi-Sørensen");
    DosingClient therapist = DosingClient.launch(environment, patient, Launches.THERAPIST);
    ZoneId clinic = environment.app(TestEnvironment.PUBLIC_CLIENT).config().timeZone();
    Page page;

    try (HeldDelivery held = HeldDelivery.of(therapist.session(), patient)) {
      Instant pressed = Instant.now();
      assertThat(therapist.start().status()).isEqualTo(302);
      Instant answered = Instant.now();
      page = SandboxLauncher.openDosingPage(chromium.newPortraitTabletPage(), environment, patient, false,
          Launches.CO_THERAPIST);

      Locator notice = page.locator("#start-under-way");
      assertThat(notice).isVisible();
      assertThat(notice).containsText(Pattern.compile("started at\\s+(" + SessionRecord.clockTime(pressed, clinic) + "|"
          + SessionRecord.clockTime(answered, clinic) + ")\\s+by another clinician"));
      assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start session"))).hasCount(0);
      Chromium.screenshot(page, "start-under-way-by-a-colleague-820x1180");
    }

    assertThat(page.locator("#dose-title")).hasText("Record the dose",
        new LocatorAssertions.HasTextOptions().setTimeout(30_000));
    assertThat(page.locator("#dose-form")).isVisible();
    assertThat(page.locator("#start-under-way")).hasCount(0);
    Chromium.screenshot(page, "start-under-way-then-running-820x1180");
  }
}
