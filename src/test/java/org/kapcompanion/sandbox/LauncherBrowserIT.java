package org.kapcompanion.sandbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.TestEnvironment;

/** The sandbox launcher as a newcomer meets it, on an upright tablet and on a phone. */
class LauncherBrowserIT extends BrowserTest {

  private static final String ENABLED_VISITS = "#encounter optgroup:not([disabled]) option";

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"820, 1180", "390, 844"})
  void launcherSaysWhatToDoSignsInATherapistAndOffersOnlyTheChosenPatientsVisits(int width, int height) {
    Page page = chromium.newPage(width, height);
    page.navigate(environment.ehrOrigin().toString());

    assertThat(page.locator("ol.steps li")).hasCount(3);
    assertThat(page.locator("#practitioner")).hasValue("kap-therapist-1");
    assertThat(page.locator("#patient option[value=kap-pt-04]")).containsText("uncontrolled hypertension — BP gate");
    assertThat(page.locator("#patient option[value=kap-pt-hostile]")).containsText("hostile text");
    assertThat(page.locator("input[name=banner][value=ehr]")).isChecked();

    page.selectOption("#patient", "kap-pt-04");
    assertThat(page.locator(ENABLED_VISITS)).hasCount(3);
    assertThat(page.locator("#encounter")).hasValue(todaysVisit("kap-pt-04"));
    assertThat(page.locator("#encounter option:checked"))
        .containsText(environment.seededOn() + " KAP clinic visit (arrived)");
    assertThat(page.locator("#encounter option[value=kap-pt-01-dose-05]")).isDisabled();

    page.selectOption("#patient", "kap-pt-01");
    assertThat(page.locator(ENABLED_VISITS)).hasCount(11);
    assertThat(page.locator(ENABLED_VISITS + "[value^=kap-pt-01-]")).hasCount(11);
    assertThat(page.locator("#encounter")).hasValue(todaysVisit("kap-pt-01"));
    page.selectOption("#encounter", "");
    assertThat(page.locator("#encounter")).hasValue("");

    assertThat(horizontalOverflow(page)).isZero();
    Chromium.screenshot(page, "launcher-" + width + "x" + height);
  }

  @Test
  void withoutScriptsAnotherPatientsVisitIsRefusedAndTheChosenPatientsVisitsAreOffered() {
    Page page = chromium.newPageWithoutScripts(390, 844);
    page.navigate(environment.ehrOrigin().toString());
    page.selectOption("#client", TestEnvironment.PUBLIC_CLIENT);
    Locator offered = page.locator(ENABLED_VISITS);
    String otherPatientsVisit = offered.first().getAttribute("value");
    page.selectOption("#patient", "kap-pt-03");
    assertThat(otherPatientsVisit).doesNotStartWith("kap-pt-03");

    page.click("button[value=frame]");

    assertThat(page.locator("p.error")).containsText("does not belong to the chosen patient");
    assertThat(page.locator("#patient")).hasValue("kap-pt-03");
    assertThat(offered).hasCount(5);
    assertThat(page.locator("#encounter")).hasValue(todaysVisit("kap-pt-03"));
    Chromium.screenshot(page, "launcher-refused-without-scripts");

    page.click("button[value=frame]");
    assertThat(page.locator("iframe.app")).isVisible();
    assertThat(page.locator(".chart-header")).containsText("Encounter:");
  }

  @Test
  void theDefaultsLaunchIntoTheEhrFrameWithTheChosenPatientsVisit() {
    Page page = chromium.newPage(820, 1180);
    page.navigate(environment.ehrOrigin().toString());
    page.selectOption("#client", TestEnvironment.PUBLIC_CLIENT);
    page.selectOption("#patient", "kap-pt-02");

    page.click("button[value=frame]");

    assertThat(page.locator(".chart-header")).containsText("Signed in: Dr. Noor Halvorsen, PhD");
    assertThat(page.locator(".chart-header"))
        .containsText("Encounter: " + environment.seededOn() + " KAP clinic visit");
    assertThat(page.frameLocator("iframe.app").locator("#conditions-title")).isVisible();
    Chromium.screenshot(page, "launcher-default-frame-launch-820x1180");
  }

  @Test
  void noEncounterStaysOfferedAndLaunchesWithoutAVisit() {
    Page page = chromium.newPage(390, 844);
    page.navigate(environment.ehrOrigin().toString());
    page.selectOption("#client", TestEnvironment.PUBLIC_CLIENT);
    page.selectOption("#patient", "kap-pt-06");
    assertThat(page.locator("#encounter")).hasValue(todaysVisit("kap-pt-06"));
    page.selectOption("#encounter", "");

    page.click("button[value=frame]");

    assertThat(page.locator(".chart-header")).not().containsText("Encounter:");
    assertThat(page.locator(".chart-header .born")).hasText("(born " + seeded(LocalDate.of(2000, 1, 25)) + ")");
    assertThat(page.locator(".chart-header .born").evaluate("e => e.getClientRects().length")).isEqualTo(1);
    assertThat(horizontalOverflow(page)).isZero();
    assertThat(page.frameLocator("iframe.app").locator("#conditions-title")).isVisible();
    Chromium.screenshot(page, "launcher-no-encounter-frame-launch-390x844");
  }

  /** The visit the sandbox booked for a seeded patient on the day it loaded its seed. */
  private String todaysVisit(String patient) {
    return patient + "-visit-" + environment.seededOn().format(DateTimeFormatter.BASIC_ISO_DATE);
  }

  /** A date of the seed files as the sandbox shows it: moved by the days from the seed's authoring to its loading. */
  private LocalDate seeded(LocalDate authored) {
    return authored.plusDays(DateShift.daysFromSeedTo(environment.seededOn()));
  }

  private static int horizontalOverflow(Page page) {
    return ((Number) page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
  }
}
