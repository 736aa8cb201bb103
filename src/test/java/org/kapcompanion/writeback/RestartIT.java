package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcompanion.session.AppSession;

/**
 * An app node killed (not stopped) while it stores and sends entries, then started again on the same H2 file: every
 * entry it acknowledged arrives in the EHR, none twice.
 */
class RestartIT {

  private static final String PATIENT = "kap-pt-06";
  private static final String ENCOUNTER = "kap-pt-06-prep-01";
  private static final int ENTRIES = 400;
  @RegisterExtension
  static final LaunchFixture launches = new LaunchFixture();

  @Test
  void killedNodeDeliversEveryAcknowledgedEntryOnceAfterRestart() throws Exception {
    SessionClient client = launches.launch(PATIENT, ENCOUNTER);
    AppSession session = launches.stored(client);
    SandboxFhir fhir = launches.fhir(session);
    Path dir = Files.createTempDirectory("kap-restart");
    String jdbcUrl = "jdbc:h2:file:" + dir.resolve("outbox").toAbsolutePath() + ";AUTO_SERVER=FALSE";
    String run = UUID.randomUUID().toString();
    List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());

    Process producer = node(session, jdbcUrl, run, "produce");
    Thread reader = readAcks(producer, acknowledged);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while ((acknowledged.size() < 100
        || fhir.entryIdsTagged("Observation", PATIENT, Deliveries.RUN_SYSTEM, run).size() < 20)
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    producer.destroyForcibly();
    assertThat(producer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(5_000);
    int deliveredBeforeKill = fhir.entryIdsTagged("Observation", PATIENT, Deliveries.RUN_SYSTEM, run).size();

    Process drainer = node(session, jdbcUrl, run, "drain");
    String output = new String(drainer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(drainer.waitFor(120, TimeUnit.SECONDS)).isTrue();

    Map<String, Long> arrived = fhir.entryIdsTagged("Observation", PATIENT, Deliveries.RUN_SYSTEM, run).stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    Set<String> lost = new HashSet<>(acknowledged);
    lost.removeAll(arrived.keySet());
    long duplicates = arrived.values().stream().filter(n -> n > 1).count();
    System.out.printf("restart: acknowledged=%d deliveredBeforeKill=%d delivered=%d duplicates=%d lost=%d%n",
        acknowledged.size(), deliveredBeforeKill, arrived.size(), duplicates, lost.size());
    assertThat(drainer.exitValue()).isZero();
    assertThat(output).contains("DRAINED");
    assertThat(deliveredBeforeKill).isLessThan(acknowledged.size());
    assertThat(lost).isEmpty();
    assertThat(duplicates).isZero();
  }

  private static Process node(AppSession session, String jdbcUrl, String run, String mode) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        OutboxNode.class.getName(), mode, jdbcUrl, launches.fhirBase().toString(), PATIENT, ENCOUNTER,
        session.fhirUser().orElseThrow(), run, String.valueOf(ENTRIES));
    builder.environment().put(OutboxNode.TOKEN_VARIABLE, session.tokens().accessToken());
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    return builder.start();
  }

  private static Thread readAcks(Process process, List<String> acknowledged) {
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            acknowledged.add(line.substring(4));
          }
        }
      } catch (java.io.IOException killed) {
        // the process was killed: what was read so far is what it acknowledged
      }
    });
    reader.start();
    return reader;
  }
}
