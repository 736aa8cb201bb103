package org.kapcompanion.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * A supervisor signing in from the app's start page to the review queue, in a real browser; the queue is waited for
 * until it no longer says that sessions recorded by other systems are still being added (the pickup a sign-in starts).
 */
public final class ReviewQueueSignIn {

  private ReviewQueueSignIn() {}

  /** Signs in as the sandbox's supervisor from the start page {@code page} shows, and waits for a complete queue. */
  public static void signIn(Page page) {
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Review sessions in Sandbox EHR")).click();
    page.selectOption("#practitioner", Launches.SUPERVISOR);
    page.fill("#password", "sandbox");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in and authorize")).click();
    assertThat(page.locator("h1")).hasText("Review queue");
    try {
      ReviewQueueCatchUp.await(() -> {
        page.reload();
        return page.content();
      });
    } catch (Exception e) {
      throw new IllegalStateException("the review queue could not be reloaded", e);
    }
  }
}
