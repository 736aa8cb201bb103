package org.kapcompanion.writeback;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.monitoring.NoteMapping;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.testing.StoredSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.web.BrowserCookie;

/**
 * The notes page in a real browser: a saved note moves from pending to saved to EHR, a note typed while the app is
 * unreachable is kept and sent with the same identifier once it is back, leaving before that warns first, and after a
 * reload failed entries are listed with their reason, Retry and Discard.
 */
class NotesBrowserIT extends BrowserTest {

  private static final LocatorAssertions.HasTextOptions LONG = new LocatorAssertions.HasTextOptions()
      .setTimeout(60_000);

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

  @Test
  void reloadedPageListsFailedEntriesWithTheirReasonRetryAndDiscard() throws Exception {
    Page page = notesPage("kap-pt-03", "kap-pt-03-dose-02");
    String handle = page.url().split("/")[4];
    String browserKey = page.context().cookies().stream().filter(c -> c.name.equals(BrowserCookie.NAME))
        .findFirst().orElseThrow().value;
    AppSession session = StoredSessions.of(TestEnvironment.PUBLIC_CLIENT).find(handle, browserKey).orElseThrow();
    Outbox.Destination destination = EntryService.destination(new ActiveSession(handle, session));
    JdbcDataSource store = new JdbcDataSource();
    store.setURL(TestEnvironment.storeUrl(TestEnvironment.PUBLIC_CLIENT));
    EntryResources refused = Deliveries.note("kap-pt-03", "kap-pt-03-dose-02", session.fhirUser().orElseThrow(),
        UUID.randomUUID().toString(), 1);
    EntryResources unreadable = OutboxRows.carePlanWithNul("kap-pt-03", Instant.now());
    OutboxRows.storeFailed(store, destination, refused, NoteMapping.KIND,
        "the EHR refused the entry (422): the server was busy", Instant.now());
    OutboxRows.storeUnchecked(store, destination, unreadable, Instant.now());

    page.reload();

    Locator failed = page.locator("#entries li[data-entry='" + refused.entryId() + "']");
    Locator setAside = page.locator("#entries li[data-entry='" + unreadable.entryId() + "']");
    assertThat(page.locator("#sync")).hasText("1 failed — see below · 1 entry could not be read back — see below",
        LONG);
    assertThat(failed).containsText("Therapist session note, saved at");
    assertThat(failed).containsText("failed: the EHR refused the entry (422): the server was busy");
    assertThat(failed.locator("button")).hasText(new String[] {"Retry", "Discard"});
    assertThat(setAside).containsText("Integration plan, saved at");
    assertThat(setAside).containsText(Outbox.UNREADABLE);
    assertThat(setAside.locator("button")).hasText(new String[] {"Discard"});
    Chromium.screenshot(page, "notes-failed-after-reload");

    failed.locator("button.entry-retry").click();
    assertThat(page.locator("#entries li[data-entry='" + refused.entryId() + "'][data-state=saved]")).hasCount(1,
        new LocatorAssertions.HasCountOptions().setTimeout(60_000));
    page.onDialog(Dialog::accept);
    setAside.locator("button.entry-discard").click();
    assertThat(setAside).hasCount(0);
    assertThat(page.locator("#sync")).hasText("All entries saved to the EHR", LONG);
  }
}
