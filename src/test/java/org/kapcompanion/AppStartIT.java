package org.kapcompanion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kapcompanion.config.AppConfig;
import org.kapcompanion.config.ConfigLoader;
import org.kapcompanion.store.TestStores;
import org.kapcompanion.testing.TestEnvironment;

class AppStartIT {

  private final TestEnvironment environment = TestEnvironment.get();

  @Test
  void unreachableStoreStopsTheStartWithNothingLeftRunning() throws Exception {
    int port = freePort();
    AppConfig config = config(port, "jdbc:postgresql://127.0.0.1:" + freePort() + "/kap?connectTimeout=2");
    Map<String, Long> before = appThreads();

    assertThatThrownBy(() -> App.start(config)).isNotNull();

    assertThat(appThreads()).isEqualTo(before);
    try (ServerSocket socket = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
      assertThat(socket.isBound()).isTrue();
    }
  }

  @Test
  void portInUseStopsTheStartWithNothingLeftRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      AppConfig config = config(taken.getLocalPort(), "jdbc:h2:mem:app-start-it;DB_CLOSE_DELAY=-1");
      Map<String, Long> before = appThreads();

      assertThatThrownBy(() -> App.start(config)).isInstanceOf(IOException.class);

      assertThat(appThreads()).isEqualTo(before);
    }
  }

  @Test
  void sandboxThatCannotStartStopsTheStartWithTheStoreClosed(@TempDir Path dataDir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      AppConfig config = sandboxConfig(freePort(), taken.getLocalPort(), dataDir);
      Map<String, Long> before = appThreads();

      assertThatThrownBy(() -> App.start(config)).isInstanceOf(IOException.class);

      assertThat(appThreads()).isEqualTo(before);
    }
  }

  /**
   * Live web server and store pool threads by kind, including other tests' app nodes. (A validator warm-up already
   * under way finishes on its own daemon thread.)
   */
  private static Map<String, Long> appThreads() throws InterruptedException {
    Thread.sleep(300);
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .map(name -> name.replaceFirst("-\\d+$", "")).filter(kind -> kind.startsWith("kap-web") || kind.startsWith("kap-store"))
        .collect(Collectors.groupingBy(kind -> kind, TreeMap::new, Collectors.counting()));
  }

  private AppConfig config(int port, String jdbcUrl) throws Exception {
    String json = """
        {"publicBaseUrl": "http://localhost:%d/", "server": {"host": "127.0.0.1", "port": %d},
         "store": {"jdbcUrl": "%s", "encryptionKey": "env:KEY"},
         "tenants": [{"id": "sandbox", "fhirBaseUrl": "%s", "clientId": "kap-companion"}]}
        """.formatted(port, port, jdbcUrl, environment.ehr().fhirBase());
    return new ConfigLoader(Map.of("KEY", Base64.getEncoder().encodeToString(TestStores.KEY)),
        Path.of("").toAbsolutePath()).parse(json);
  }

  private static AppConfig sandboxConfig(int port, int sandboxPort, Path dataDir) throws Exception {
    String json = """
        {"publicBaseUrl": "http://localhost:%d/", "server": {"host": "127.0.0.1", "port": %d},
         "dataDir": "%s", "store": {"encryptionKey": "env:KEY"}, "sandbox": {"port": %d}, "tenants": []}
        """.formatted(port, port, dataDir, sandboxPort);
    return new ConfigLoader(Map.of("KEY", Base64.getEncoder().encodeToString(TestStores.KEY)),
        Path.of("").toAbsolutePath()).parse(json);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
