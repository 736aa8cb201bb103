package org.kapcompanion.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.SandboxSessions.Session;
import org.kapcompanion.testing.TestEnvironment;

/**
 * axe-core (WCAG 2.2 A and AA rules) on every page of a session at an upright tablet's size (820×1180): the
 * therapist's pages after a launch from the sandbox, and the supervisor's queue and a session needing review.
 * A serious or critical violation fails the test; each page's screenshot is kept.
 */
class AccessibilityBrowserIT extends BrowserTest {

  private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
  private static final Set<String> FAILING = Set.of("serious", "critical");
  private static final String[] THERAPIST_PAGES = {"", "preparation", "predose", "session", "notes", "discharge",
      "handout", "integration"};

  @BeforeAll
  static void writeASessionNeedingReview() throws Exception {
    SandboxSessions sessions = SandboxSessions.of(environment);
    sessions.practitioner("ax-therapist", "Robin Axelsen");
    sessions.patient("ax-patient", "Harper Axton");
    Session flagged = Session.plain("ax-flagged", "ax-patient", "ax-therapist",
        Instant.now().minus(2, ChronoUnit.DAYS)).withAlert().withAdverseEvent();
    sessions.write(List.of(flagged));
    sessions.addNote(flagged, "ax-note", "Tearful, then settled with breathing",
        Instant.now().minus(2, ChronoUnit.DAYS).plus(30, ChronoUnit.MINUTES));
  }

  @Test
  void everyTherapistPageOfASessionHasNoSeriousOrCriticalViolation() {
    Page launcher = SandboxLauncher.open(chromium, environment, "kap-pt-04", true);
    launcher.setViewportSize(820, 1180);
    Page page = SandboxLauncher.launchInWindow(launcher);
    page.setViewportSize(820, 1180);
    page.waitForSelector("#conditions-title");
    String base = page.url().replaceFirst("(/s/[^/]+/).*$", "$1");
    List<String> problems = new ArrayList<>();
    for (String path : THERAPIST_PAGES) {
      page.navigate(base + path);
      page.waitForLoadState();
      problems.addAll(check(page, "therapist-" + (path.isEmpty() ? "summary" : path)));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void supervisorsQueueAndASessionNeedingReviewHaveNoSeriousOrCriticalViolation() {
    Page page = chromium.newPage(820, 1180);
    page.navigate(environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "/").toString());
    List<String> problems = new ArrayList<>(check(page, "start"));
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Review sessions in Sandbox EHR")).click();
    page.selectOption("#practitioner", Launches.SUPERVISOR);
    page.fill("#password", "sandbox");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in and authorize")).click();
    assertThat(page.locator("h1")).hasText("Review queue");
    problems.addAll(check(page, "review-queue"));

    page.navigate(page.url().replaceFirst("/review.*$", "/review/session?id=ax-flagged"));
    assertThat(page.locator("#review-status")).hasText("Awaiting review");
    problems.addAll(check(page, "review-session-needing-review"));
    assertThat(problems).isEmpty();
  }

  /** The page's serious and critical violations, one line each; the page's screenshot is kept either way. */
  private static List<String> check(Page page, String name) {
    Chromium.screenshot(page, "axe-" + name + "-820x1180");
    AxeResults results = new AxeBuilder(page).withTags(TAGS).analyze();
    return results.getViolations().stream().filter(rule -> FAILING.contains(rule.getImpact()))
        .map(rule -> name + ": " + describe(rule)).toList();
  }

  private static String describe(Rule rule) {
    return rule.getId() + " (" + rule.getImpact() + ", " + rule.getNodes().size() + " elements: "
        + rule.getNodes().stream().limit(3).map(node -> String.valueOf(node.getTarget()))
            .collect(Collectors.joining("; ")) + ")";
  }
}
