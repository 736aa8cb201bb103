package org.kapcompanion.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcompanion.testing.BrowserTest;
import org.kapcompanion.testing.Chromium;
import org.kapcompanion.testing.ReviewQueueSignIn;
import org.kapcompanion.testing.SandboxLauncher;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.SandboxSessions.Session;
import org.kapcompanion.testing.TestEnvironment;

/**
 * axe-core (WCAG 2.2 A and AA rules) on every page of a session at an upright tablet's size (820×1180): the
 * therapist's pages after a launch from the sandbox, and the supervisor's queue and a session needing review; a session
 * needing review with a long timeline at the tablet's and a phone's size (390×844) too. A serious or critical
 * violation fails the test; each page's screenshot is kept.
 */
class AccessibilityBrowserIT extends BrowserTest {

  private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
  private static final Set<String> FAILING = Set.of("serious", "critical");
  private static final String LONG_SESSION = "ax-long";
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
    writeALongSessionNeedingReview(sessions);
  }

  /** A session needing review whose timeline holds many items: 24 notes and 24 blood pressures over two hours. */
  private static void writeALongSessionNeedingReview(SandboxSessions sessions) {
    Instant start = Instant.now().minus(1, ChronoUnit.DAYS);
    Session session = Session.plain(LONG_SESSION, "ax-patient", "ax-therapist", start).withAlert().withAdverseEvent();
    sessions.write(List.of(session));
    for (int i = 0; i < 24; i++) {
      Instant at = start.plus(5L * i + 3, ChronoUnit.MINUTES);
      sessions.addNote(session, LONG_SESSION + "-note-" + i, "Observation " + (i + 1)
          + ": breathing steady, talked about the intention set in preparation, then rested", at);
      sessions.addBloodPressure(LONG_SESSION, "ax-patient", "ax-therapist", start, LONG_SESSION + "-bp-" + i,
          at.plus(1, ChronoUnit.MINUTES), 150 - i, 92 - i / 2);
    }
  }

  /** What a clinician reads at a glance and taps: a word broken inside any of them is misread ("Insigh t"). */
  private static final String CONTROLS_AND_HEADINGS =
      "main label, main legend, main button, main h1, main h2, main h3, main dt, nav.session-nav";

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"820, 1180", "390, 844"})
  void everyTherapistPageOfASessionHasNoSeriousOrCriticalViolationNoSidewaysScrollAndAWholeIdentity(int width,
      int height) {
    Page launcher = SandboxLauncher.open(chromium, environment, "kap-pt-04", true);
    launcher.setViewportSize(width, height);
    Page page = SandboxLauncher.launchInWindow(launcher);
    page.setViewportSize(width, height);
    page.waitForSelector("#conditions-title");
    String base = page.url().replaceFirst("(/s/[^/]+/).*$", "$1");
    List<String> problems = new ArrayList<>();
    for (String path : THERAPIST_PAGES) {
      page.navigate(base + path);
      page.waitForLoadState();
      String name = "therapist-" + (path.isEmpty() ? "summary" : path);
      problems.addAll(check(page, name, width, height));
      int sideways = ((Number) page.evaluate(
          "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
      if (sideways > 0) {
        problems.add(name + ": scrolls sideways by " + sideways + " px " + page.evaluate(ReflowBrowserIT.WIDEST));
      }
      page.locator("header.banner .whole").all().stream()
          .filter(whole -> ((Number) whole.evaluate("e => e.getClientRects().length")).intValue() > 1)
          .forEach(whole -> problems.add(name + ": banner breaks " + whole.textContent()));
      List<String> broken = ReflowBrowserIT.brokenWords(page, CONTROLS_AND_HEADINGS);
      if (!broken.isEmpty()) {
        problems.add(name + ": breaks words " + broken);
      }
      problems.addAll(menuProblems(page, name, width));
    }
    assertThat(page.locator("header.banner .whole")).hasCount(3);
    assertThat(problems).isEmpty();
  }

  @Test
  void supervisorsQueueAndASessionNeedingReviewHaveNoSeriousOrCriticalViolation() {
    Page page = chromium.newPage(820, 1180);
    page.navigate(environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "/").toString());
    List<String> problems = new ArrayList<>(check(page, "start"));
    ReviewQueueSignIn.signIn(page);
    problems.addAll(check(page, "review-queue"));

    page.navigate(page.url().replaceFirst("/review.*$", "/review/session?id=ax-flagged"));
    assertThat(page.locator("#review-status")).hasText("Awaiting review");
    problems.addAll(check(page, "review-session-needing-review"));
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"820, 1180", "390, 844"})
  void aSessionNeedingReviewWithALongTimelineHasNoSeriousOrCriticalViolation(int width, int height) {
    Page page = chromium.newPage(width, height);
    page.navigate(environment.appUrl(TestEnvironment.PUBLIC_CLIENT, "/").toString());
    ReviewQueueSignIn.signIn(page);

    page.navigate(page.url().replaceFirst("/review.*$", "/review/session?id=" + LONG_SESSION));
    assertThat(page.locator("#review-status")).hasText("Awaiting review");
    assertThat(page.locator("ol.timeline > li").count()).isGreaterThanOrEqualTo(48);
    assertThat(ReflowBrowserIT.brokenWords(page, "dl.rems, ol.timeline")).isEmpty();

    assertThat(check(page, "review-session-long-timeline", width, height)).isEmpty();
  }

  /**
   * The session menu on a phone is one row (not five rows of links above the page) and shows the current page's link
   * whole; on a tablet every link is shown.
   */
  private static List<String> menuProblems(Page page, String name, int width) {
    List<String> problems = new ArrayList<>();
    Locator menu = page.locator("nav.session-nav");
    Locator current = menu.locator("a[aria-current=page]");
    double menuHeight = menu.boundingBox().height;
    BoundingBox link = current.boundingBox();
    if (width < 600 && menuHeight > 80) {
      problems.add(name + ": the session menu takes " + Math.round(menuHeight) + " px on a phone");
    }
    if (link.x < 0 || link.x + link.width > width) {
      problems.add(name + ": the current page's link is off screen");
    }
    return problems;
  }

  /** The page's serious and critical violations, one line each; the page's screenshot is kept either way. */
  private static List<String> check(Page page, String name) {
    return check(page, name, 820, 1180);
  }

  private static List<String> check(Page page, String name, int width, int height) {
    Chromium.screenshot(page, "axe-" + name + "-" + width + "x" + height);
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
