package org.kapcompanion.discharge;

import org.kapcompanion.testing.SandboxRecord;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.web.BrowserCookie;

/**
 * Hazard 1 of the clinical safety case as a therapist meets it on a tablet: 125 minutes after the dose the patient is
 * sedated (MOAA/S 2), hypoxic (SpO₂ 90) and hypertensive (BP 186/114); the discharge checklist answered "yes"
 * throughout is refused with the readings shown, and the patient leaves only once the answers say what was recorded
 * and a prescriber's override (name, reason, time) is entered. Screenshots are kept as
 * {@code target/test-artifacts/discharge-gate-*.png}.
 */
class DischargeGateBrowserIT extends BrowserTest {

  private static final String PATIENT = "kap-pt-03";
  private static final String LAUNCH_ENCOUNTER = "kap-pt-03-dose-01";
  private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions()
      .setTimeout(60_000);
  private static final LocatorAssertions.ContainsTextOptions SLOW_CONTAINS =
      new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);

  @Test
  void dischargeAgainstTheRecordedReadingsIsRefusedThenAllowedOnAPrescribersOverride() throws Exception {
    Page launcher = SandboxLauncher.open(chromium, environment, PATIENT, true);
    launcher.selectOption("#encounter", LAUNCH_ENCOUNTER);
    Page page = SandboxLauncher.launchInWindow(launcher);
    page.setViewportSize(820, 1180);
    page.waitForSelector("#conditions-title");
    String handle = page.url().split("/")[4];
    String browserKey = page.context().cookies().stream().filter(c -> c.name.equals(BrowserCookie.NAME))
        .findFirst().orElseThrow().value;
    SandboxRecord ehr = SandboxRecord.forSession(environment, handle, browserKey);
    ehr.completePredose(PATIENT);

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dosing session").setExact(true)).click();
    page.click("#start-session");
    assertThat(page.locator("#sync")).hasText("All entries saved to the EHR", SLOW);
    ehr.backdateRunningSession(PATIENT, Duration.ofMinutes(130));
    page.reload();
    page.fill("#dose-mg", "40");
    page.selectOption("#dose-route", "78421000");
    page.fill("#dose-lot", "KX24117");
    page.fill("#dose-effective", LocalDateTime.now().minusMinutes(125).truncatedTo(ChronoUnit.MINUTES).toString());
    page.click("#dose-form button[type=submit]");
    assertThat(page.locator("#session-clock")).containsText("since dose", SLOW_CONTAINS);
    page.fill("#bp-sys", "186");
    page.fill("#bp-dia", "114");
    page.click("#bp-form button[type=submit]");
    page.fill("#moaas-value", "2");
    page.click("#moaas-form button[type=submit]");
    page.fill("#spo2-value", "90");
    page.click("#spo2-form button[type=submit]");
    assertThat(page.locator("#sync")).hasText("All entries saved to the EHR", SLOW);
    String readAt = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm"));

    page.getByText("Go to discharge").click();
    for (String yes : new String[] {"sedation-resolved", "dissociation-resolved", "bp-acceptable",
        "clinically-stable", "responsible-adult", "no-driving", "recovery-instructions"}) {
      page.check("#f-" + yes + "-yes");
    }
    page.fill("#f-responsible-adult-name", "Jonas Lindqvist (husband)");
    page.fill("#f-ready-to-leave-time", LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).toString());
    page.click("#discharge-form button[type=submit]");
    assertThat(page.locator("#discharge-blockers")).containsText("sedation has not resolved", SLOW_CONTAINS);
    assertThat(page.locator("#discharge-blockers")).containsText("MOAA/S 2 at ");
    assertThat(page.locator("#discharge-blockers")).containsText("Blood pressure 186/114 mmHg at ");
    assertThat(page.locator("#discharge-blockers")).containsText("SpO₂ 90 % at ");
    assertThat(page.locator("#discharged")).hasCount(0);
    org.assertj.core.api.Assertions.assertThat(page.locator("#discharge-blockers").innerText())
        .as("the reading's time, on the clinic's clock").containsAnyOf("MOAA/S 2 at " + readAt,
            "MOAA/S 2 at " + LocalDateTime.now().minusMinutes(1).format(DateTimeFormatter.ofPattern("HH:mm")));
    shot(page, "01-refused-with-the-readings");

    for (String no : new String[] {"sedation-resolved", "bp-acceptable", "clinically-stable"}) {
      page.check("#f-" + no + "-no");
    }
    assertThat(page.locator("#f-override-prescriber")).isVisible();
    page.fill("#f-override-prescriber", "Dr Ana Rivera");
    page.fill("#f-override-reason", "Seen at the bedside: rousable, BP falling on repeat; husband is an ICU nurse "
        + "and stays with her overnight.");
    page.locator("#f-override-reason").blur();
    assertThat(page.locator("#discharge-blockers h2")).hasText("Ready for discharge", SLOW);
    assertThat(page.locator("#discharge-override-note")).containsText("prescriber's override");
    shot(page, "02-prescriber-override");
    page.click("#discharge-form button[type=submit]");
    assertThat(page.locator("#discharged")).containsText("Discharged", SLOW_CONTAINS);
    assertThat(page.locator("#sync")).hasText("All entries saved to the EHR", SLOW);
    shot(page, "03-discharged-on-override");
  }

  /**
   * Answers not yet saved are not lost without a warning, as on the pre-dose checklist: leaving an untouched checklist
   * is free; leaving with a changed answer asks first; sending the checklist does not; a checklist sent and refused,
   * shown again with its answers, asks again.
   */
  @Test
  void leavingTheDischargeChecklistWithUnsavedAnswersWarnsFirst() throws Exception {
    String patient = SandboxSessions.of(environment).patientAwaitingTheDose("leave", "Noor Haddad-Lindgren",
        Duration.ofMinutes(3));
    Page page = SandboxLauncher.openDosingPage(chromium.newPortraitTabletPage(), environment, patient);
    List<String> dialogs = new CopyOnWriteArrayList<>();
    page.onDialog(dialog -> {
      dialogs.add(dialog.type());
      dialog.dismiss();
    });
    menu(page, "Discharge");
    assertThat(page.locator("#discharge-form")).isVisible();
    menu(page, "Dosing session");
    assertThat(page.locator("h1")).hasText("Dosing and monitoring");
    org.assertj.core.api.Assertions.assertThat(dialogs).as("nothing changed, nothing to warn of").isEmpty();

    menu(page, "Discharge");
    page.waitForLoadState();
    page.check("#f-sedation-resolved-yes");
    menu(page, "Dosing session");
    page.waitForCondition(() -> !dialogs.isEmpty());
    assertThat(page.locator("h1")).hasText("Discharge");
    assertThat(page.locator("#f-sedation-resolved-yes")).isChecked();
    org.assertj.core.api.Assertions.assertThat(dialogs).containsOnly("beforeunload");
    dialogs.clear();

    page.click("#discharge-form button[type=submit]");
    assertThat(page.locator("#discharge-form")).hasAttribute("data-unsaved", "true");
    page.waitForLoadState();
    assertThat(page.locator("#discharge-blockers h2")).containsText("Before the patient can leave");
    assertThat(page.locator("#f-sedation-resolved-yes")).isChecked();
    org.assertj.core.api.Assertions.assertThat(dialogs).as("sending the checklist, no warning").isEmpty();
    menu(page, "Dosing session");
    page.waitForCondition(() -> !dialogs.isEmpty());
    assertThat(page.locator("h1")).hasText("Discharge");
  }

  private static void menu(Page page, String name) {
    page.locator("nav.session-nav a", new Page.LocatorOptions().setHasText(name)).click();
  }

  private static void shot(Page page, String name) {
    page.evaluate("window.scrollTo(0, 0)");
    Chromium.screenshot(page, "discharge-gate-" + name);
  }
}
