package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts its own sandboxes on one data directory, one after another, to check what survives a restart. */
class SandboxRestartIT {

  private static final String PROBE = "Patient/restart-probe";
  private static final String SEEDED = "Observation/test-blake-hr-1";
  private static final String SCOPE = "launch user/*.cruds";

  @TempDir Path dataDir;

  @Test
  void dataKeysAndTokensSurviveRestartAndSeedIsNotReloaded() throws Exception {
    int port = freePort();
    String token;
    try (TestEhr first = TestEhr.start(dataDir, false, port)) {
      SmartHttp http = new SmartHttp(first);
      token = http.accessToken(SCOPE, TestEhr.ALEX);
      assertThat(http.fhir("PUT", PROBE, token, probe()).statusCode()).isEqualTo(201);
      assertThat(http.fhir("DELETE", SEEDED, token, null).statusCode()).isEqualTo(200);
    }
    assertThat(dataDir.resolve(SeedLoader.MARKER_FILE)).exists();

    try (TestEhr second = TestEhr.start(dataDir, false, port)) {
      SmartHttp http = new SmartHttp(second);
      assertThat(http.fhir("GET", PROBE, token, null).statusCode()).isEqualTo(200);
      assertThat(http.fhir("GET", SEEDED, token, null).statusCode()).isEqualTo(410);
    }
  }

  @Test
  void resetDeletesTheDataAndLoadsTheSeedAgain() throws Exception {
    try (TestEhr first = TestEhr.start(dataDir, false, 0)) {
      SmartHttp http = new SmartHttp(first);
      String token = http.accessToken(SCOPE, TestEhr.ALEX);
      assertThat(http.fhir("PUT", PROBE, token, probe()).statusCode()).isEqualTo(201);
    }
    Files.writeString(dataDir.resolve("left-over.txt"), "x");

    try (TestEhr reset = TestEhr.start(dataDir, true, 0)) {
      SmartHttp http = new SmartHttp(reset);
      String token = http.accessToken(SCOPE, TestEhr.ALEX);
      assertThat(http.fhir("GET", PROBE, token, null).statusCode()).isEqualTo(404);
      assertThat(http.fhir("GET", SEEDED, token, null).statusCode()).isEqualTo(200);
      assertThat(dataDir.resolve("left-over.txt")).doesNotExist();
    }
  }

  private static String probe() {
    return "{\"resourceType\": \"Patient\", \"id\": \"restart-probe\", \"name\": [{\"family\": \"Probe\"}]}";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
