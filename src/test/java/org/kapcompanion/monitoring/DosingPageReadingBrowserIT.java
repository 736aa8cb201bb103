package org.kapcompanion.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.testing.SandboxSessions;

/**
 * The dosing page read on an upright tablet with the patient banner: the dose form says which fields it needs, a field
 * the browser points at is not left under the banner, the chart counts whole minutes, and a note in a right-to-left
 * script keeps its punctuation where it was typed.
 */
class DosingPageReadingBrowserIT extends BrowserTest {

  private Page dosingPage(String prefix, String name) throws Exception {
    String patient = SandboxSessions.of(environment).patientAwaitingTheDose(prefix, name, Duration.ofMinutes(3));
    return SandboxLauncher.openDosingPage(chromium.newPortraitTabletPage(), environment, patient, true);
  }

  @Test
  void theLotNumberIsLabelledRequiredLikeTheOtherRequiredFields() throws Exception {
    Page page = dosingPage("lot", "Ilse Marguerite Okafor");

    assertThat(page.locator("label[for=dose-lot]")).containsText("Lot number (required)");
    assertThat(page.locator("label[for=dose-mg]")).containsText("(required)");
  }

  @Test
  void aRequiredFieldTheBrowserPointsAtIsNotLeftUnderThePatientBanner() throws Exception {
    Page page = dosingPage("under-banner", "Bartholomew Achterberg-Nakamura");
    assertThat(page.locator("header.banner")).isVisible();
    page.evaluate("window.scrollBy(0, document.getElementById('dose-mg').getBoundingClientRect().top - 10)");

    page.click("#dose-form button[type=submit]");

    assertThat(page.locator("#dose-mg")).isFocused();
    assertThat(number(page, "document.getElementById('dose-mg').getBoundingClientRect().top"))
        .isGreaterThanOrEqualTo(number(page, "document.querySelector('header.banner').getBoundingClientRect().bottom"));
    Chromium.screenshot(page, "dose-required-field-below-banner");
  }

  @Test
  void theChartsTimeAxisCountsWholeMinutes() throws Exception {
    Page page = dosingPage("chart", "Wilhelmina Osei");
    page.locator("#dose-mg").pressSequentially("32");
    page.fill("#dose-lot", "KX24117");
    page.click("#dose-form button[type=submit]");
    assertThat(page.locator("#dose-list li")).hasCount(1);
    page.fill("#bp-sys", "128");
    page.fill("#bp-dia", "82");
    page.click("#bp-form button[type=submit]");
    assertThat(page.locator("#timeline")).containsText("128/82 mmHg");

    List<?> ticks = (List<?>) page.evaluate(
        "Chart.getChart(document.getElementById('vitals-chart')).scales.x.ticks.map(t => t.value)");
    assertThat(ticks).isNotEmpty().allSatisfy(tick -> assertThat(((Number) tick).doubleValue() % 1).isZero());
    Chromium.screenshot(page, "dosing-chart-whole-minutes");
  }

  @Test
  void aNoteInARightToLeftScriptKeepsItsFullStopAtItsEnd() throws Exception {
    Page page = dosingPage("rtl", "Layla Haddad");
    String note = "المريضة هادئة.";
    page.fill("#note-text", note);
    page.click("#note-form button[type=submit]");
    assertThat(page.locator("#timeline .item-detail").first()).hasText(note);

    Object stopAtTheStart = page.locator("#timeline .item-detail").first().evaluate("""
        element => {
          const text = element.firstChild;
          const range = document.createRange();
          range.setStart(text, text.length - 1);
          range.setEnd(text, text.length);
          const stop = range.getBoundingClientRect();
          range.setStart(text, 0);
          range.setEnd(text, 1);
          return stop.left < range.getBoundingClientRect().left;
        }""");
    assertThat(stopAtTheStart).as("the full stop ends the sentence, read right to left").isEqualTo(true);
    Chromium.screenshot(page, "dosing-note-right-to-left");
  }

  private static double number(Page page, String expression) {
    return ((Number) page.evaluate(expression)).doubleValue();
  }
}
