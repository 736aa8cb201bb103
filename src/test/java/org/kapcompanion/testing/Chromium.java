package org.kapcompanion.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Debian Chromium driven by Playwright, one per test class. Browser tests fail — never skip — when the
 * browser is missing: {@code apt-get install chromium}.
 */
public final class Chromium implements AutoCloseable {

  public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
  public static final Path ARTIFACTS = Path.of("target/test-artifacts");

  private final Playwright playwright;
  private final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  public static Chromium start() {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException("browser tests need Chromium at " + EXECUTABLE + ": apt-get install chromium");
    }
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(EXECUTABLE).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage")));
    return new Chromium(playwright, browser);
  }

  /** A fresh page in its own browser context (its own cookies), tablet-sized. */
  public Page newPage() {
    return browser.newContext(new Browser.NewContextOptions().setViewportSize(1180, 820)).newPage();
  }

  /** A fresh page in its own browser context, a tablet held upright (820 x 1180 CSS pixels). */
  public Page newPortraitTabletPage() {
    return browser.newContext(new Browser.NewContextOptions().setViewportSize(820, 1180)).newPage();
  }

  /** As {@link #newPortraitTabletPage()}, on a tablet whose clock is set to the time zone {@code timezoneId}. */
  public Page newPortraitTabletPage(String timezoneId) {
    return browser.newContext(new Browser.NewContextOptions().setViewportSize(820, 1180).setTimezoneId(timezoneId))
        .newPage();
  }

  /** Tablet held upright (820×1180) and phone (390×844): the sizes pages are checked at for reflow. */
  public static final int[][] NARROW_SIZES = {{820, 1180}, {390, 844}};

  /** A fresh page in its own browser context with a viewport of {@code width}×{@code height} CSS pixels. */
  public Page newPage(int width, int height) {
    return browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)).newPage();
  }

  /** A fresh page as {@link #newPage(int, int)}, with JavaScript switched off. */
  public Page newPageWithoutScripts(int width, int height) {
    return browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
        .setJavaScriptEnabled(false)).newPage();
  }

  /** Saves a full-page screenshot under {@code target/test-artifacts/NAME.png}. */
  public static Path screenshot(Page page, String name) {
    Path file = ARTIFACTS.resolve(name + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
