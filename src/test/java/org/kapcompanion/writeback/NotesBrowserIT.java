package org.kapcompanion.writeback;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;

/**
 * The notes page in a real browser: a saved note moves from pending to saved to EHR, a note typed while the app is
 * unreachable is kept and sent with the same identifier once it is back, and leaving before that warns first.
 */
class NotesBrowserIT extends BrowserTest {


  private Page notesPage(String patient, String encounter) {
    Page launcher = SandboxLauncher.open(chromium, environment, patient, false);
    launcher.selectOption("#encounter", encounter);
    Page window = SandboxLauncher.launchInWindow(launcher);
    window.waitForSelector("#conditions-title");
    window.navigate(window.url().replaceFirst("/s/([^/]+)/.*$", "/s/$1/notes"));
    return window;
  }

  @Test
  void savedNoteShowsPendingThenSavedToTheEhr() {
    Page page = notesPage("kap-pt-04", "kap-pt-04-dose-01");
    page.fill("#note-text", "Smiled for the first time; described warmth in the chest.");
    page.check("input[value=insight]");
    page.click("#note-form button[type=submit]");

    assertThat(page.locator("#entries li")).hasCount(1);
    assertThat(page.locator("#entries li[data-state=saved]")).hasCount(1,
        new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(60_000));
    assertThat(page.locator("#sync")).hasText("All entries saved to the EHR");
    Chromium.screenshot(page, "notes-saved");
  }

  @Test
  void noteTypedWhileTheAppIsUnreachableIsKeptSentLaterAndLeavingWarnsFirst() {
    Page page = notesPage("kap-pt-04", "kap-pt-04-dose-01");
    page.context().setOffline(true);
    page.fill("#note-text", "Asked to pause the music.");
    page.click("#note-form button[type=submit]");

    assertThat(page.locator("#entries li[data-state=unacknowledged]")).hasCount(1);
    assertThat(page.locator("#sync")).containsText("not yet received");
    AtomicReference<String> dialog = new AtomicReference<>();
    page.onDialog(d -> {
      dialog.set(d.type());
      d.dismiss();
    });
    page.close(new Page.CloseOptions().setRunBeforeUnload(true));
    page.waitForCondition(() -> dialog.get() != null);
    org.assertj.core.api.Assertions.assertThat(dialog.get()).isEqualTo("beforeunload");

    page.context().setOffline(false);
    assertThat(page.locator("#entries li[data-state=saved]")).hasCount(1,
        new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(60_000));
    Chromium.screenshot(page, "notes-after-network-blip");
  }
}
