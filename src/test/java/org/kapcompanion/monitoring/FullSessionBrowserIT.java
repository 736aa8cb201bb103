package org.kapcompanion.monitoring;

import org.kapcompanion.testing.SandboxRecord;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.web.BrowserCookie;

/**
 * One whole KAP session through the pages in headless Chromium at a tablet's size, launched from the sandbox EHR:
 * preparation notes, the pre-dose checklist (the session cannot start before it is complete), dose, six monitoring
 * rounds of which one raises an alert, tagged notes, discharge (on a prescriber's override: the readings are all taken
 * now, so the blood pressures at the dose and at 40 minutes are missing), the recovery handout and the integration plan, each
 * save shown until saved; then the sandbox holds exactly the expected resources. Screenshots of every step are kept
 * as {@code target/test-artifacts/full-session-*.png}.
 */
class FullSessionBrowserIT extends BrowserTest {

  private static final String PATIENT = "kap-pt-06";
  private static final String LAUNCH_ENCOUNTER = "kap-pt-06-prep-01";
  private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions()
      .setTimeout(60_000);
  private static final LocatorAssertions.ContainsTextOptions SLOW_CONTAINS =
      new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);
  /** Systolic, diastolic, heart rate, SpO2, MOAA/S and dissociation of each round; the third has a low SpO2. */
  private static final int[][] ROUNDS = {{128, 82, 76, 98, 5, 2}, {138, 88, 84, 97, 4, 3}, {134, 86, 88, 88, 4, 3},
      {130, 84, 80, 96, 4, 2}, {126, 80, 74, 98, 5, 1}, {122, 78, 72, 99, 5, 0}};
  private static final String[] READINGS = {"bp", "hr", "spo2", "moaas", "dissociation", "rr"};

  private final List<String> forms = new ArrayList<>();
  private int step;

  @Test
  void therapistRunsAWholeSessionThroughThePagesAndTheEhrHoldsExactlyWhatWasRecorded() {
    Page launcher = SandboxLauncher.open(chromium, environment, PATIENT, true);
    launcher.selectOption("#encounter", LAUNCH_ENCOUNTER);
    Page page = SandboxLauncher.launchInWindow(launcher);
    page.setViewportSize(820, 1180);
    page.waitForSelector("#conditions-title");
    shot(page, "summary");

    prepare(page);
    completePredose(page);
    recordTheSession(page);
    discharge(page);
    String plan = planIntegration(page);

    new WrittenSession(sandbox(page), PATIENT, LAUNCH_ENCOUNTER)
        .assertHolds(new WrittenSession.Expected(forms, plan, ROUNDS.length * READINGS.length + 2, "spo2-low",
            List.of()));
  }

  private void prepare(Page page) {
    navigate(page, "Preparation");
    assertThat(page.locator("h1")).hasText("Preparation");
    page.fill("#f-intentions", "To sleep through the night and stop bracing for the next thing");
    page.fill("#f-triggers", "Sirens; being touched from behind");
    page.fill("#f-transport", "Partner drives her home");
    page.check("input[name=readiness][value$='|ready']");
    save(page, "Saved to the EHR (complete).");
    assertThat(page.locator("#glance")).containsText("Sirens; being touched from behind", SLOW_CONTAINS);
    assertThat(page.locator("#saved-on")).containsText("Last saved " + LocalDate.now(), SLOW_CONTAINS);
    shot(page, "preparation-saved");

    navigate(page, "Dosing session");
    assertThat(page.locator("#start-session")).isDisabled();
    assertThat(page.locator("#start-blockers a[href$='predose']").first()).isVisible();
    shot(page, "start-blocked");
  }

  private void completePredose(Page page) {
    navigate(page, "Pre-dose checklist");
    assertThat(page.locator("#f-baseline-systolic")).hasValue("");
    page.fill("#f-baseline-systolic", "114");
    page.fill("#f-baseline-diastolic", "72");
    page.fill("#f-baseline-heart-rate", "68");
    page.fill("#f-baseline-taken-at", java.time.LocalDateTime.now().minusMinutes(5)
        .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString());
    for (String no : new String[] {"ci-vascular", "ci-intracerebral-haemorrhage", "ci-pregnancy", "ci-psychosis-mania",
        "ci-substance-use", "ci-hypertension", "ci-hypersensitivity", "consent-touch", "cssrs-positive",
        "misuse-craving", "misuse-outside-use", "misuse-more-requested", "ci-medical", "precaution-airway"}) {
      page.check("#f-" + no + "-no");
    }
    for (String yes : new String[] {"interactions-reviewed", "fasting", "no-substances", "consent-treatment"}) {
      page.check("#f-" + yes + "-yes");
    }
    page.fill("#f-phq9-total", "18");
    assertThat(page.locator("#blockers")).containsText("Escort");
    save(page, "Saved to the EHR (draft: not complete yet).");
    shot(page, "predose-draft-saved");

    navigate(page, "Dosing session");
    assertThat(page.locator("#start-session")).isDisabled();
    assertThat(page.locator("#start-blockers li")).hasCount(1);
    assertThat(page.locator("#start-blockers")).containsText("Escort home arranged — Not answered yet.");
    shot(page, "start-blocked-by-item");
    page.click("#start-blockers a[href$='predose#f-escort']");
    page.check("#f-escort-yes");
    page.fill("#f-escort-name", "Jonas Lindqvist (husband) 555-0162");
    page.locator("#f-escort-name").blur();
    assertThat(page.locator("#blockers h2")).hasText("Checklist complete");
    save(page, "Saved to the EHR (complete).");
    shot(page, "predose-complete-saved");
    page.click("#save-next");
  }

  private void recordTheSession(Page page) {
    assertThat(page.locator("#start-blockers")).hasCount(0);
    page.click("#start-session");
    assertThat(page.locator("#sync")).hasText("All entries saved to the EHR", SLOW);
    sandbox(page).backdateRunningSession(PATIENT, java.time.Duration.ofMinutes(130));
    page.reload();
    page.fill("#dose-mg", "40");
    page.selectOption("#dose-route", "78421000");
    page.fill("#dose-lot", "KX24117");
    page.fill("#dose-effective", LocalDateTime.now().minusMinutes(125).truncatedTo(ChronoUnit.MINUTES).toString());
    shot(page, "dose-entered");
    page.click("#dose-form button[type=submit]");
    assertThat(page.locator("#session-clock")).containsText("since dose", SLOW_CONTAINS);

    for (int round = 0; round < ROUNDS.length; round++) {
      recordRound(page, ROUNDS[round]);
      if (round == 0) {
        shot(page, "saving");
      }
      if (round == 2) {
        assertThat(page.locator("#alert-bar")).containsText("Oxygen saturation below threshold", SLOW_CONTAINS);
        shot(page, "alert");
      }
    }
    page.fill("#note-text", "Tearful for a while, then calm; asked for the blanket.");
    page.check("#note-form input[value=emotional-release]");
    page.click("#note-form button[type=submit]");
    assertThat(page.locator("#timeline")).containsText("asked for the blanket", SLOW_CONTAINS);
    page.check("#note-form input[value=breathwork]");
    page.click("#note-form button[type=submit]");
    assertThat(page.locator("#sync")).hasText("All entries saved to the EHR", SLOW);
    assertThat(page.locator("#timeline li[data-state=saved]").first()).isVisible();
    shot(page, "monitoring-tablet");
    page.setViewportSize(1280, 900);
    shot(page, "monitoring-desktop");
    page.setViewportSize(820, 1180);
  }

  private static void recordRound(Page page, int[] round) {
    page.fill("#bp-sys", String.valueOf(round[0]));
    page.fill("#bp-dia", String.valueOf(round[1]));
    page.click("#bp-form button[type=submit]");
    page.fill("#hr-value", String.valueOf(round[2]));
    page.keyboard().press("Enter");
    page.fill("#spo2-value", String.valueOf(round[3]));
    page.click("#spo2-form button[type=submit]");
    page.fill("#moaas-value", String.valueOf(round[4]));
    page.click("#moaas-form button[type=submit]");
    page.fill("#dissociation-value", String.valueOf(round[5]));
    page.click("#dissociation-form button[type=submit]");
    page.fill("#rr-value", "14");
    page.click("#rr-form button[type=submit]");
  }

  private void discharge(Page page) {
    page.getByText("Go to discharge").click();
    assertThat(page.locator("#discharge-blockers")).containsText("Sedation resolved");
    assertThat(page.locator("#f-responsible-adult-name")).isHidden();
    for (String yes : new String[] {"sedation-resolved", "dissociation-resolved", "bp-acceptable",
        "clinically-stable", "no-driving", "recovery-instructions"}) {
      page.check("#f-" + yes + "-yes");
    }
    Object askedAtOnce = page.evaluate("() => { document.getElementById('f-responsible-adult-yes').click();"
        + " return !document.getElementById('w-responsible-adult-name').hidden"
        + " && !document.getElementById('f-responsible-adult-name').matches(':disabled'); }");
    Assertions.assertThat(askedAtOnce).as("the name is asked in the same event as the answer, before the server"
        + " could answer").isEqualTo(true);
    assertThat(page.locator("#f-responsible-adult-name")).isVisible();
    page.fill("#f-responsible-adult-name", "Jonas Lindqvist (husband)");
    page.fill("#f-ready-to-leave-time", LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).toString());
    page.locator("#f-ready-to-leave-time").blur();
    assertThat(page.locator("#discharge-blockers")).containsText("No blood pressure is recorded about 40 minutes "
        + "after the dose", SLOW_CONTAINS);
    page.fill("#f-override-prescriber", "Dr Ana Rivera");
    page.fill("#f-override-reason", "Blood pressure at the dose and at 40 minutes were taken on the ward monitor");
    page.locator("#f-override-reason").blur();
    assertThat(page.locator("#discharge-blockers h2")).hasText("Ready for discharge", SLOW);
    shot(page, "discharge-ready");
    page.click("#discharge-form button[type=submit]");
    assertThat(page.locator("#discharged")).containsText("Discharged", SLOW_CONTAINS);
    assertThat(page.locator("#sync")).hasText("All entries saved to the EHR", SLOW);
    shot(page, "discharged");

    page.getByText("Print the recovery instructions").click();
    assertThat(page.locator(".handout")).containsText("Do not drive");
    shot(page, "handout");
  }

  /** Saves the integration plan and returns the entry id its CarePlan is written under. */
  private String planIntegration(Page page) {
    navigate(page, "Integration plan");
    assertThat(page.locator("main")).containsText("To sleep through the night");
    page.fill("#goal-0-text", "Wind down without screens five nights a week");
    page.check("input[name=practice][value=Journaling]");
    page.fill("#support", "Jonas (husband); Thursday peer group");
    shot(page, "integration-plan");
    String entry = page.inputValue("input[name='plan.entry']");
    page.click("#plan-form button[type=submit]");
    page.waitForURL("**/integration?saved=*");
    assertThat(page.locator("#plan-entries li").last()).hasAttribute("data-state", "saved",
        new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
    assertThat(page.locator("#support")).hasValue("Jonas (husband); Thursday peer group");
    assertThat(page.locator("#plan-waiting")).hasCount(0);
    shot(page, "integration-plan-saved");
    return entry;
  }

  /** The sandbox EHR as this launch's session sees it. */
  private static SandboxRecord sandbox(Page page) {
    String handle = page.url().split("/")[4];
    String browserKey = page.context().cookies().stream().filter(c -> c.name.equals(BrowserCookie.NAME))
        .findFirst().orElseThrow().value;
    return SandboxRecord.forSession(environment, handle, browserKey);
  }

  /** Saves a form page with its save bar, remembering the entry id it is saved under. */
  private void save(Page page, String saved) {
    forms.add(page.inputValue("[data-entry-id]"));
    page.click("button[data-save]");
    assertThat(page.locator("#save-status")).hasText(saved, SLOW);
  }

  private static void navigate(Page page, String link) {
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(link).setExact(true)).click();
  }

  /** A full-page screenshot from the top, so that the sticky patient banner is where the user sees it. */
  private void shot(Page page, String name) {
    page.evaluate("window.scrollTo(0, 0)");
    Chromium.screenshot(page, String.format("full-session-%02d-%s", ++step, name));
  }
}
