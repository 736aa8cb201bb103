package org.kapcompanion.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;

/**
 * In a real browser against the sandbox: a value breaking the input rule is stopped on the page with a message beside
 * its field and what was typed kept (plain form posts, script saves, a refusal answered by the server); and the app
 * is shown in the EHR's frame, its error pages included, but not in another site's.
 */
class InputRuleBrowserIT extends BrowserTest {

  private Page sessionPage(String patient, String path) {
    Page launcher = SandboxLauncher.open(chromium, environment, patient, false);
    Page window = SandboxLauncher.launchInWindow(launcher);
    window.waitForSelector("#conditions-title");
    window.navigate(window.url().replaceFirst("/s/([^/]+)/.*$", "/s/$1/" + path));
    return window;
  }

  @Test
  void planWithATextDirectionControlStaysOnThePageWithWhatWasTyped() {
    Page page = sessionPage("kap-pt-03", "integration");
    String typed = "Letting go \u202Eof control";
    page.fill("#themes", typed);
    String before = page.url();

    page.click("#plan-form button[type=submit]");

    assertThat(page.locator("#themes + .refused")).containsText("Other themes and insights");
    assertThat(page.locator("#themes + .refused")).containsText("text-direction control (U+202E) at character 12");
    assertThat(page.locator("#themes")).hasValue(typed);
    assertThat(page.locator("#themes")).hasAttribute("aria-invalid", "true");
    assertThat(page).hasURL(before);
    Chromium.screenshot(page, "input-rule-plan");

    page.fill("#themes", "Letting go of control");
    assertThat(page.locator(".refused")).hasCount(0);
  }

  @Test
  void noteWithAControlCharacterIsNotSentAndKeepsItsText() {
    Page page = sessionPage("kap-pt-03", "notes");
    String typed = "Calm\u0007, then tearful";
    page.fill("#note-text", typed);

    page.click("#note-form button[type=submit]");

    assertThat(page.locator("#note-text + .refused")).containsText("invisible control character (U+0007)");
    assertThat(page.locator("#note-text")).hasValue(typed);
    assertThat(page.locator("#entries li")).hasCount(0);
    Chromium.screenshot(page, "input-rule-note");
  }

  @Test
  void refusalAnsweredByTheServerIsShownBesideItsFieldAndTheAnswersStay() {
    Page page = sessionPage("kap-pt-03", "preparation");
    page.fill("textarea[name=intentions]", "Sleep through the night");

    page.evaluate("answer => window.kapShowRefusal(document.querySelector('form[data-save-url]'), answer)",
        java.util.Map.of("error", "The field \"intentions\" holds an invisible control character (U+0007) at "
            + "character 3: delete it.", "field", "intentions"));

    assertThat(page.locator("textarea[name=intentions] + .refused"))
        .containsText("holds an invisible control character (U+0007) at character 3");
    assertThat(page.locator("textarea[name=intentions]")).hasValue("Sleep through the night");
    assertThat(page.locator("textarea[name=intentions]")).isFocused();
  }

  @Test
  void errorPagesShowInsideTheEhrsFrameButNoOtherSiteCanFrameTheApp() {
    Page page = SandboxLauncher.open(chromium, environment, "kap-pt-03", true);
    page.click("button[value=frame]");
    FrameLocator app = page.frameLocator("iframe.app");
    assertThat(app.locator("#conditions-title")).isVisible();
    String ended = environment.appUrl(org.kapcompanion.testing.TestEnvironment.PUBLIC_CLIENT,
        "s/no-such-session/").toString();
    page.evaluate("url => document.querySelector('iframe.app').src = url", ended);
    assertThat(app.locator("#error-title")).hasText("Your session has ended");
    Chromium.screenshot(page, "ended-session-in-ehr-frame");

    Page elsewhere = chromium.newPage();
    elsewhere.route("https://elsewhere.example/**", route -> route.fulfill(new com.microsoft.playwright.Route
        .FulfillOptions().setContentType("text/html").setBody("<iframe class=app src=\"" + ended + "\"></iframe>")));
    elsewhere.navigate("https://elsewhere.example/chart");
    elsewhere.waitForLoadState(LoadState.LOAD);
    assertThat(elsewhere.frameLocator("iframe.app").locator("#error-title")).hasCount(0);
  }
}
