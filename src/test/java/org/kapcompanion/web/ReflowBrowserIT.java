package org.kapcompanion.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.ReviewQueueSignIn;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.testing.TestEnvironment;

/**
 * Tables on an upright tablet (820×1180) and a phone (390×844): no word, number or date is broken across lines, rows
 * stack on both, nothing scrolls sideways, and the first key press reaches "Skip to content".
 */
class ReflowBrowserIT extends BrowserTest {

  /**
   * Every word (split at spaces and hyphens) inside {@code selector} whose letters sit on more than one line; a token
   * longer than 16 characters (such as the hostile test patient's markup) may be broken when no column can hold it.
   */
  private static final String BROKEN_WORDS = """
      selector => {
        const broken = [];
        document.querySelectorAll(selector).forEach(root => {
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const word = /[^\\s\\-]+/g;
            let match;
            while ((match = word.exec(node.data))) {
              const range = document.createRange();
              range.setStart(node, match.index);
              range.setEnd(node, match.index + match[0].length);
              const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
              if (lines.size > 1 && match[0].length <= 16) { broken.push(match[0]); }
            }
          }
        });
        return broken;
      }""";

  /** The elements reaching past the viewport's right edge, innermost first, to name what makes a page scroll sideways. */
  static final String WIDEST = """
      () => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
              + ' ' + Math.round(e.getBoundingClientRect().right))
          .reverse().slice(0, 8)""";

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"820, 1180", "390, 844"})
  void priorSessionsAndScoresNeverBreakAWordOrNumber(int width, int height) {
    Page launcher = SandboxLauncher.open(chromium, environment, "kap-pt-01", true);
    Page page = SandboxLauncher.launchInWindow(launcher);
    page.setViewportSize(width, height);
    page.waitForSelector("table.sessions");

    page.keyboard().press("Tab");
    assertThat(page.locator(":focus")).hasText("Skip to content");
    assertThat(brokenWords(page, "table")).isEmpty();
    assertThat(page.locator("table.sessions td.short").first()).hasText("Intramuscular route");
    assertThat(overflow(page)).as(String.valueOf(page.evaluate(WIDEST))).isZero();
    if (width < 900) {
      assertThat(page.locator("table.sessions thead")).hasCSS("position", "absolute");
      assertThat(page.locator("table.sessions td[data-label=Route]").first()).hasCSS("display", "flex");
    }
    Chromium.screenshot(page, "reflow-prior-sessions-" + width + "x" + height);
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"820, 1180", "390, 844"})
  void reviewQueueKeepsItsStatusPillsAndDatesWhole(int width, int height) {
    Page page = chromium.newPage(width, height);
    page.navigate(environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "/").toString());
    ReviewQueueSignIn.signIn(page);

    assertThat(page.locator("table.queue tbody tr").first()).isVisible();
    assertThat(brokenWords(page, "table")).isEmpty();
    assertThat(overflow(page)).as(String.valueOf(page.evaluate(WIDEST))).isZero();
    Chromium.screenshot(page, "reflow-review-queue-" + width + "x" + height);
  }

  /** The words inside {@code selector} that are broken across lines (see {@link #BROKEN_WORDS}). */
  @SuppressWarnings("unchecked")
  static List<String> brokenWords(Page page, String selector) {
    return (List<String>) page.evaluate(BROKEN_WORDS, selector);
  }

  private static int overflow(Page page) {
    return ((Number) page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
  }
}
