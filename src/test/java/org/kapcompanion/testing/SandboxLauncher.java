package org.kapcompanion.testing;

import com.microsoft.playwright.Page;

/** The sandbox EHR's launcher page in a browser: practitioner, patient and app chosen, ready to launch. */
public final class SandboxLauncher {

  private SandboxLauncher() {}

  /** Opens the launcher with {@code patient} chosen for the public test client, as therapist 1. */
  public static Page open(Chromium chromium, TestEnvironment environment, String patient, boolean appShowsBanner) {
    return open(chromium.newPage(), environment, patient, appShowsBanner);
  }

  /** The same in {@code page}, e.g. one of a tablet's size. */
  public static Page open(Page page, TestEnvironment environment, String patient, boolean appShowsBanner) {
    return open(page, environment, patient, appShowsBanner, Launches.THERAPIST);
  }

  /** The same, with {@code practitioner} signed in to the EHR, e.g. {@link Launches#CO_THERAPIST}. */
  public static Page open(Page page, TestEnvironment environment, String patient, boolean appShowsBanner,
      String practitioner) {
    page.navigate(environment.ehrOrigin().toString());
    page.selectOption("#practitioner", practitioner);
    page.selectOption("#patient", patient);
    page.selectOption("#client", TestEnvironment.PUBLIC_CLIENT);
    page.check("input[name=banner][value=" + appShowsBanner + "]");
    return page;
  }

  /** Launches {@code patient} in a window from the launcher opened in {@code page} and goes to its dosing page. */
  public static Page openDosingPage(Page page, TestEnvironment environment, String patient) {
    return openDosingPage(page, environment, patient, false);
  }

  /** The same, with the app showing its patient banner or not. */
  public static Page openDosingPage(Page page, TestEnvironment environment, String patient, boolean appShowsBanner) {
    return openDosingPage(page, environment, patient, appShowsBanner, Launches.THERAPIST);
  }

  /** The same, with {@code practitioner} signed in to the EHR. */
  public static Page openDosingPage(Page page, TestEnvironment environment, String patient, boolean appShowsBanner,
      String practitioner) {
    Page window = launchInWindow(open(page, environment, patient, appShowsBanner, practitioner));
    window.locator("nav.session-nav a", new Page.LocatorOptions().setHasText("Dosing session")).click();
    return window;
  }

  /** Launches from the launcher into a new window and returns that window. */
  public static Page launchInWindow(Page launcher) {
    return launcher.waitForPopup(() -> launcher.click("button[value=window]"));
  }
}
