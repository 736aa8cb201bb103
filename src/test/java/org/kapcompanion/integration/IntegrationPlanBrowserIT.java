package org.kapcompanion.integration;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Goal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.SandboxAccess;
import org.kapcompanion.testing.SandboxLauncher;


/**
 * The integration plan in a real browser against the sandbox: a plan created from the intentions, saved to the EHR,
 * edited with its version; and two sessions editing the same plan, where the second's save is refused before anything
 * of it (no goal either) is written, shows both versions side by side (headings and lists, escaped) and applies its
 * own on top.
 */
class IntegrationPlanBrowserIT extends BrowserTest {

  private static final LocatorAssertions.HasCountOptions LONG = new LocatorAssertions.HasCountOptions()
      .setTimeout(60_000);

  private Page planPage(String patient, String encounter) {
    return planPage(patient, encounter, 1180, 820);
  }

  private Page planPage(String patient, String encounter, int width, int height) {
    Page launcher = SandboxLauncher.open(chromium, environment, patient, false);
    launcher.selectOption("#encounter", encounter);
    Page window = SandboxLauncher.launchInWindow(launcher);
    window.setViewportSize(width, height);
    window.waitForSelector("#conditions-title");
    window.navigate(window.url().replaceFirst("/s/([^/]+)/.*$", "/s/$1/integration"));
    return window;
  }

  private static void saveAndWait(Page page) {
    page.click("#plan-form button[type=submit]");
    page.waitForURL("**/integration?saved=*");
    assertThat(page.locator("#plan-entries li").last()).hasAttribute("data-state", "saved",
        new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
    assertThat(page.locator("#plan-entries li[data-state=failed]")).hasCount(0);
  }

  @Test
  void planIsCreatedFromTheIntentionsSavedAndEditedWithItsVersion() {
    Page page = planPage("kap-pt-01", "kap-pt-01-dose-05");
    assertThat(page.locator("main")).containsText("Intention: To feel something other than numbness again");
    page.locator("input[name$='.text']").first().fill("Name one feeling each evening");
    page.check("input[name=practice][value=Journaling]");
    page.fill("#support", "Daniel (partner)");
    Chromium.screenshot(page, "integration-new-plan");

    saveAndWait(page);
    Chromium.screenshot(page, "integration-plan-saved");

    page.navigate(page.url().replaceFirst("\\?.*$", ""));
    assertThat(page.locator("#sync")).containsText("Editing the saved plan (version");
    assertThat(page.locator("#support")).hasValue("Daniel (partner)");
    page.fill("#support", "Daniel (partner); my sister Ana");
    saveAndWait(page);

    page.navigate(page.url().replaceFirst("\\?.*$", ""));
    assertThat(page.locator("#support")).hasValue("Daniel (partner); my sister Ana");
    Chromium.screenshot(page, "integration-plan-edited");
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"820, 1180", "390, 844"})
  void twoSessionsEditingOnePlanSeeBothVersionsAndTheSecondAppliesItsOwnOnTop(int width, int height)
      throws Exception {
    Page first = planPage("kap-pt-02", "kap-pt-02-dose-03", width, height);
    first.locator("input[name$='.text']").first().fill("Walk outside each morning");
    saveAndWait(first);
    first.navigate(first.url().replaceFirst("\\?.*$", ""));
    Page second = planPage("kap-pt-02", "kap-pt-02-dose-03", width, height);
    assertThat(second.locator("#sync")).containsText("Editing the saved plan");

    first.fill("#themes", "Anger at my mother, then relief");
    saveAndWait(first);
    second.fill("#themes", "Relief after naming the anger");
    Map<String, String> goalsBefore = goalVersions("kap-pt-02");
    second.click("#plan-form button[type=submit]");

    assertThat(second.locator("h1")).hasText("Someone else saved a newer version of this plan");
    assertThat(second.locator("#theirs")).containsText("Anger at my mother, then relief");
    assertThat(second.locator("#ours")).containsText("Relief after naming the anger");
    assertThat(second.locator("#theirs h4", new Page.LocatorOptions().setHasText("Themes and insights")))
        .hasCount(1);
    assertThat(second.locator("#ours li", new Page.LocatorOptions().setHasText("Walk outside each morning")))
        .hasCount(1);
    assertThat(second.locator("#theirs")).not().containsText("## ");
    org.assertj.core.api.Assertions.assertThat(goalVersions("kap-pt-02")).isEqualTo(goalsBefore);
    Chromium.screenshot(second, "integration-conflict-side-by-side-" + width + "x" + height);

    second.click("#apply-mine-form button[type=submit]");
    second.waitForURL("**/integration?saved=*");
    assertThat(second.locator("#plan-entries li").last()).hasAttribute("data-state", "saved",
        new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
    second.navigate(second.url().replaceFirst("\\?.*$", ""));
    assertThat(second.locator("#themes")).hasValue("Relief after naming the anger");
    Chromium.screenshot(second, "integration-conflict-resolved-" + width + "x" + height);
  }

  /** Each Goal of {@code patient} in the EHR with its version, read past any cache. */
  private static Map<String, String> goalVersions(String patient) throws Exception {
    IGenericClient client = FhirContext.forR4Cached().newRestfulGenericClient(environment.ehr().fhirBase().toString());
    client.registerInterceptor(new BearerTokenAuthInterceptor(
        SandboxAccess.token(environment, Launches.SUPERVISOR, "openid fhirUser user/*.read")));
    Bundle goals = client.search().forResource(Goal.class).where(Goal.PATIENT.hasId(patient)).count(200)
        .cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute();
    Map<String, String> versions = new TreeMap<>();
    goals.getEntry().forEach(e -> versions.put(e.getResource().getIdElement().getIdPart(),
        e.getResource().getMeta().getVersionId()));
    return versions;
  }
}
