package org.kapcompanion.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;

/**
 * Two tabs of one session, and the time a note carries, on an upright tablet (820×1180) and a phone (390×844): a tab learns from its status poll that another tab saved
 * something and says "updated in another tab — reload"; a note left without a time is stamped when it is saved.
 */
class SessionTabsBrowserIT extends BrowserTest {

  private Page notesPage(String patient, String encounter, int width, int height) {
    Page launcher = SandboxLauncher.open(chromium, environment, patient, false);
    launcher.selectOption("#encounter", encounter);
    Page window = SandboxLauncher.launchInWindow(launcher);
    window.setViewportSize(width, height);
    window.waitForSelector("#conditions-title");
    window.navigate(window.url().replaceFirst("/s/([^/]+)/.*$", "/s/$1/notes"));
    return window;
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"820, 1180", "390, 844"})
  void aSecondTabOfTheSameSessionSaysItWasUpdatedInAnotherTab(int width, int height) {
    Page first = notesPage("kap-pt-05", "kap-pt-05-dose-04", width, height);
    assertThat(first.locator("#sync")).not().hasText("Checking what is saved…");
    Page second = first.context().newPage();
    second.setViewportSize(width, height);
    second.navigate(first.url());
    assertThat(second.locator("#sync")).not().hasText("Checking what is saved…");
    assertThat(first.locator("#other-tab")).isHidden();

    second.fill("#note-text", "Noted in the second tab.");
    second.click("#note-form button[type=submit]");

    assertThat(first.locator("#other-tab")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
    assertThat(first.locator("#other-tab")).containsText("Updated in another tab");
    assertThat(second.locator("#other-tab")).isHidden();
    Chromium.screenshot(first, "notes-updated-in-another-tab-" + width + "x" + height);
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"820, 1180", "390, 844"})
  void aNoteLeftWithoutATimeIsStampedWhenItIsSavedNotWhenThePageWasLoaded(int width, int height) {
    Page page = notesPage("kap-pt-05", "kap-pt-05-dose-04", width, height);
    page.clock().install();
    page.reload();
    assertThat(page.locator("#note-effective")).hasValue("");
    page.clock().fastForward("10:00");
    page.fill("#note-text", "Quiet, eyes closed.");

    Request sent = page.waitForRequest("**/session/entries",
        () -> page.click("#note-form button[type=submit]"));

    Instant effective = Instant.parse(JsonParser.parseString(sent.postData()).getAsJsonObject()
        .get("effective").getAsString());
    Instant pageNow = Instant.ofEpochMilli(((Number) page.evaluate("() => Date.now()")).longValue());
    assertThat(Duration.between(effective, pageNow).abs()).isLessThan(Duration.ofMinutes(1));
  }
}
