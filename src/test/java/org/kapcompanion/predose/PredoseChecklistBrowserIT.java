package org.kapcompanion.predose;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.SandboxLauncher;

/** The pre-dose checklist in a real browser: pre-filled from the record, gated, completed by keyboard. */
class PredoseChecklistBrowserIT extends BrowserTest {


  private Page checklistFor(String patient) {
    return checklistFor(patient, "");
  }

  private Page checklistFor(String patient, String encounter) {
    Page launcher = SandboxLauncher.open(chromium, environment, patient, true);
    launcher.selectOption("#encounter", encounter);
    Page window = SandboxLauncher.launchInWindow(launcher);
    window.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pre-dose checklist")).click();
    assertThat(window.locator("h1")).hasText("Pre-dose safety checklist");
    return window;
  }

  /**
   * An answer given while the page's scripts are still loading (slow network, a loaded machine) is not lost: once
   * the scripts run, the conditional question it enables is shown.
   */
  @Test
  void answerGivenBeforeThePagesScriptsRanStillShowsItsConditionalQuestion() {
    Page page = checklistFor("kap-pt-01");
    java.util.List<com.microsoft.playwright.Route> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    page.route("**/htmx.min.js", held::add);
    page.navigate(page.url(), new Page.NavigateOptions()
        .setWaitUntil(com.microsoft.playwright.options.WaitUntilState.COMMIT));
    page.locator("#f-escort-yes").waitFor();
    page.locator("#f-escort-yes").check();
    page.waitForCondition(() -> !held.isEmpty());
    held.forEach(com.microsoft.playwright.Route::resume);
    page.unroute("**/htmx.min.js");

    assertThat(page.locator("#f-escort-name")).isVisible();
  }

  @Test
  void aBloodPressureFromDaysAgoIsNotPrefilledAndTheGateWaitsForOneTakenToday() {
    Page page = checklistFor("kap-pt-04");
    assertThat(page.locator("#f-baseline-systolic")).hasValue("");
    assertThat(page.locator("#f-baseline-systolic-record")).containsText("(162) is not a pre-dose baseline");
    assertThat(page.locator("#f-baseline-systolic-record")).containsText("more than 120 min ago");
    assertThat(page.locator("#f-bp-above-gate")).containsText("Not known yet");
    assertThat(page.locator(".blockers")).containsText("When the baseline vital signs were taken");
    Chromium.screenshot(page, "predose-checklist-stale-bp");

    type(page, "#f-baseline-systolic", "162");
    type(page, "#f-baseline-diastolic", "100");
    page.fill("#f-baseline-taken-at", minutesAgo(10));
    page.locator("#f-baseline-taken-at").dispatchEvent("change");
    assertThat(page.locator("#f-prescriber-decision")).isVisible();
    assertThat(page.locator(".blockers")).containsText("Prescriber's decision");
    assertThat(page.locator(".blockers")).not().containsText("When the baseline vital signs were taken");
    Chromium.screenshot(page, "predose-checklist-high-bp");
  }

  @Test
  void aRefusedNumberStaysAsTypedWithItsReasonAndTheBlockersSayItWasRefused() {
    Page page = checklistFor("kap-pt-01");
    type(page, "#f-baseline-heart-rate", "-5");
    assertThat(page.locator(".blockers")).containsText("Heart rate — Value “-5” refused");
    page.locator("button[type=submit]:not([data-save])").click();
    assertThat(page.locator("#f-baseline-heart-rate")).hasValue("-5");
    assertThat(page.locator("#f-baseline-heart-rate-problem")).containsText("from 20 to 250");
    assertThat(page.locator(".blockers")).containsText("Heart rate — Value “-5” refused");
    assertThat(page.locator(".blockers")).not().containsText("Heart rate — Not answered yet");
  }

  /**
   * A number the live re-check refuses marks its own field, as the page rendered with the refusal does: invalid,
   * described by the reason shown beside it; once corrected, the mark and the reason go.
   */
  @Test
  void aNumberRefusedByTheLiveRecheckMarksItsFieldWithTheReasonUntilCorrected() {
    Page page = checklistFor("kap-pt-01");
    Locator heartRate = page.locator("#f-baseline-heart-rate");
    type(page, "#f-baseline-heart-rate", "-5");
    assertThat(page.locator(".blockers")).containsText("Heart rate — Value “-5” refused");
    assertThat(heartRate).hasAttribute("aria-invalid", "true");
    assertThat(heartRate).hasAttribute("aria-describedby", "f-baseline-heart-rate-problem");
    assertThat(page.locator("#f-baseline-heart-rate-problem")).isVisible();
    assertThat(page.locator("#f-baseline-heart-rate-problem")).containsText("from 20 to 250");
    heartRate.scrollIntoViewIfNeeded();
    Chromium.screenshot(page, "predose-live-refusal-marked");

    heartRate.fill("");
    type(page, "#f-baseline-heart-rate", "72");
    assertThat(page.locator(".blockers")).not().containsText("Value “-5” refused");
    assertThat(heartRate).not().hasAttribute("aria-invalid", "true");
    assertThat(heartRate).not().hasAttribute("aria-describedby", "f-baseline-heart-rate-problem");
    assertThat(page.locator("#f-baseline-heart-rate-problem")).isHidden();
  }

  /** A number typed with a comma reaches the check as typed: a number field dropped the comma, so 1,5 became 15. */
  @Test
  void aScoreTypedWithADecimalCommaIsRefusedAsTypedNeverReadWithoutTheComma() {
    Page page = checklistFor("kap-pt-01");
    type(page, "#f-phq9-total", "1,5");
    page.locator("button[type=submit]:not([data-save])").click();
    assertThat(page.locator("#f-phq9-total")).hasValue("1,5");
    assertThat(page.locator("#f-phq9-total-problem")).containsText("holds a comma");
  }

  /**
   * Answers not yet saved are not lost without a warning: leaving the page asks first; sending the form to check it
   * does not; once saved, leaving is free again.
   */
  @Test
  void leavingWithUnsavedAnswersWarnsFirstAndNotOnceSaved() {
    Page page = checklistFor("kap-pt-07");
    java.util.List<String> dialogs = new java.util.concurrent.CopyOnWriteArrayList<>();
    page.onDialog(dialog -> {
      dialogs.add(dialog.type());
      dialog.dismiss();
    });
    choose(page, "#f-fasting-yes");
    choose(page, "#f-escort-yes");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Record summary")).click();
    page.waitForCondition(() -> !dialogs.isEmpty());
    assertThat(page.locator("h1")).hasText("Pre-dose safety checklist");
    assertThat(page.locator("#f-fasting-yes")).isChecked();
    org.assertj.core.api.Assertions.assertThat(dialogs).containsOnly("beforeunload");
    dialogs.clear();

    page.locator("button[type=submit]:not([data-save])").click();
    assertThat(page.locator("#f-escort-yes")).isChecked();
    org.assertj.core.api.Assertions.assertThat(dialogs).as("checking the checklist sends it, no warning").isEmpty();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Record summary")).click();
    page.waitForCondition(() -> !dialogs.isEmpty());
    dialogs.clear();

    page.locator("button[data-save]").click();
    assertThat(page.locator("#save-status")).containsText("Saved in KAP Companion",
        new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Record summary")).click();
    assertThat(page.locator("h1")).not().hasText("Pre-dose safety checklist");
    org.assertj.core.api.Assertions.assertThat(dialogs).isEmpty();
  }

  private static String minutesAgo(int minutes) {
    return java.time.LocalDateTime.now().minusMinutes(minutes).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
        .toString();
  }

  @Test
  void checklistIsCompletedWithTheKeyboardAlone() {
    Page page = checklistFor("kap-pt-01");
    assertThat(page.locator("#f-medications-on-record"))
        .containsText("clonazepam 0.5 MG Oral Tablet — flagged: Benzodiazepine");
    assertThat(page.locator("#f-baseline-systolic")).hasValue("");
    assertThat(page.locator("#f-prescriber-decision")).isHidden();
    type(page, "#f-baseline-systolic", "116");
    type(page, "#f-baseline-diastolic", "74");
    type(page, "#f-baseline-heart-rate", "70");
    page.fill("#f-baseline-taken-at", minutesAgo(5));
    page.locator("#f-baseline-taken-at").dispatchEvent("change");
    for (String question : new String[] {"ci-vascular", "ci-intracerebral-haemorrhage", "ci-pregnancy",
        "ci-psychosis-mania", "ci-substance-use", "ci-hypertension", "ci-hypersensitivity", "consent-touch",
        "cssrs-positive", "misuse-craving", "misuse-outside-use", "misuse-more-requested", "ci-medical",
        "precaution-airway"}) {
      choose(page, "#f-" + question + "-no");
    }
    for (String question : new String[] {"interactions-reviewed", "fasting", "no-substances", "consent-treatment",
        "escort"}) {
      choose(page, "#f-" + question + "-yes");
    }
    type(page, "#f-escort-name", "Sam Lee (partner)");
    type(page, "#f-phq9-total", "11");
    assertThat(page.locator(".blockers h2")).hasText("Checklist complete");
    Chromium.screenshot(page, "predose-checklist-complete");
  }

  @Test
  void checklistIsCompletedAndSavedWithTheKeyboardAlone() {
    Page page = checklistFor("kap-pt-03", "kap-pt-03-dose-02");
    for (String question : new String[] {"ci-vascular", "ci-intracerebral-haemorrhage", "ci-pregnancy",
        "ci-psychosis-mania", "ci-substance-use", "ci-hypertension", "ci-hypersensitivity", "ci-medical",
        "precaution-airway"}) {
      tabAndSpace(page, "#f-" + question + "-no");
    }
    tabAndSpace(page, "#f-interactions-reviewed-yes");
    tabAndType(page, "#f-baseline-systolic", "124");
    tabAndType(page, "#f-baseline-diastolic", "78");
    tabAndType(page, "#f-baseline-heart-rate", "72");
    tabTo(page, "#f-baseline-taken-at");
    page.fill("#f-baseline-taken-at", minutesAgo(5));
    for (String question : new String[] {"fasting", "no-substances"}) {
      tabAndSpace(page, "#f-" + question + "-yes");
    }
    for (String question : new String[] {"misuse-craving", "misuse-outside-use", "misuse-more-requested"}) {
      tabAndSpace(page, "#f-" + question + "-no");
    }
    tabAndSpace(page, "#f-consent-treatment-yes");
    tabAndSpace(page, "#f-consent-touch-no");
    tabAndSpace(page, "#f-escort-yes");
    tabAndType(page, "#f-escort-name", "Sam Lee (partner)");
    tabAndType(page, "#f-phq9-total", "9");
    tabAndSpace(page, "#f-cssrs-positive-no");
    assertThat(page.locator(".blockers h2")).hasText("Checklist complete");
    tabTo(page, "button[data-save]");
    page.keyboard().press("Enter");
    assertThat(page.locator("#save-status")).hasText("Saved to the EHR (complete).",
        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(60_000));
    assertThat(page.locator("#save-next")).isVisible();
    tabTo(page, "#save-next");
    Chromium.screenshot(page, "predose-checklist-saved-by-keyboard");
  }

  /** Moves focus with Tab alone until {@code selector} has it (a radio group is one stop, entered at its first). */
  private static void tabTo(Page page, String selector) {
    for (int presses = 0; presses < 250; presses++) {
      if (focused(page, selector)) {
        return;
      }
      page.keyboard().press("Tab");
    }
    throw new AssertionError("Tab never reached " + selector);
  }

  /**
   * Tabs into a radio group (one Tab stop, entered at "yes") and selects with the space bar; "no" is reached with the
   * arrow key, as in every native radio group.
   */
  /** Tabs into the radio group of {@code selector} (one stop: its checked radio, else its first), arrows to it, Space. */
  private static void tabAndSpace(Page page, String selector) {
    String group = selector.substring(1).replaceAll("-(yes|no)$", "-");
    tabTo(page, "input[type=radio][id^=\"" + group + "\"]");
    for (int arrows = 0; arrows < 3 && !focused(page, selector); arrows++) {
      page.keyboard().press("ArrowRight");
    }
    page.keyboard().press("Space");
    assertThat(page.locator(selector)).isChecked();
  }

  private static boolean focused(Page page, String selector) {
    return (Boolean) page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector);
  }

  private static void tabAndType(Page page, String selector, String text) {
    tabTo(page, selector);
    page.keyboard().type(text);
    assertThat(page.locator(selector)).hasValue(text);
  }

  @Test
  void answeringNoToAConfirmationBlocksDosingWithAReason() {
    Page page = checklistFor("kap-pt-06");
    choose(page, "#f-fasting-no");
    assertThat(page.locator(".blockers")).containsText("Fasting is not confirmed.");
  }

  /** Focuses a radio button with the keyboard and selects it with the space bar. */
  private static void choose(Page page, String selector) {
    Locator radio = page.locator(selector);
    radio.focus();
    page.keyboard().press("Space");
    assertThat(page.locator(selector)).isChecked();
  }

  private static void type(Page page, String selector, String text) {
    page.locator(selector).focus();
    page.keyboard().type(text);
    page.keyboard().press("Tab");
    assertThat(page.locator(selector)).hasValue(text);
  }
}
