package org.kapcompanion.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the browser tests: the shared sandbox EHR with the public app node, and one Chromium per test class. */
public abstract class BrowserTest {

  protected static TestEnvironment environment;
  protected static Chromium chromium;

  @BeforeAll
  static void startBrowser() {
    environment = TestEnvironment.get();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    chromium = Chromium.start();
  }

  @AfterAll
  static void stopBrowser() {
    chromium.close();
  }
}
