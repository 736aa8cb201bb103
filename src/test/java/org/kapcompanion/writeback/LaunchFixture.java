package org.kapcompanion.writeback;

import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.testing.StoredSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.web.BrowserCookie;

/**
 * The public client's app node on the shared sandbox EHR, started before the test class, and sessions launched in it
 * from the sandbox launcher: the set-up the writeback integration tests share ({@code @RegisterExtension}).
 */
final class LaunchFixture implements BeforeAllCallback {

  private TestEnvironment environment;

  @Override
  public void beforeAll(ExtensionContext context) {
    environment = TestEnvironment.get();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
  }

  /** Launches the public client for a patient and one of their encounters ({@code null}: none). */
  SessionClient launch(String patient, String encounter) throws IOException, InterruptedException {
    return SessionClient.launch(environment, TestEnvironment.PUBLIC_CLIENT, patient, encounter);
  }

  /** The app node's stored session (tokens, user, context) behind a launched client, read from its store. */
  AppSession stored(SessionClient client) {
    String browserKey = client.browser().cookie(client.base(), BrowserCookie.NAME).orElseThrow();
    return StoredSessions.of(TestEnvironment.PUBLIC_CLIENT).find(client.handle(), browserKey).orElseThrow();
  }

  /** The sandbox's FHIR server as the launched session's user sees it. */
  SandboxFhir fhir(SessionClient client) {
    return fhir(stored(client));
  }

  SandboxFhir fhir(AppSession session) {
    return new SandboxFhir(fhirBase(), session.tokens().accessToken());
  }

  URI fhirBase() {
    return environment.ehr().fhirBase();
  }

  URI ehrOrigin() {
    return environment.ehrOrigin();
  }

  /** A URL of the public client's app node. */
  URI appUrl(String path) {
    return environment.appUrl(TestEnvironment.PUBLIC_CLIENT, path);
  }
}
