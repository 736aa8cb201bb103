package org.kapcompanion.handout;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.concurrent.Executors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whether today's session ended, as the handout reads it over real HTTP: an EHR that cannot answer is "could not be
 * read", never "not discharged yet", and only a session ended today counts.
 */
class DischargeReaderIT {

  private static final FhirContext FHIR = withoutConformanceCheck();
  private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("America/Chicago"));

  private final DischargeReader reader = new DischargeReader(FHIR, Executors.newSingleThreadExecutor(), CLOCK);
  private HttpServer ehr;

  @AfterEach
  void stop() {
    if (ehr != null) {
      ehr.stop(0);
    }
  }

  @Test
  void anEhrThatCannotBeReachedIsUnreadNotUndischarged() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    DischargeReader.Today today = reader.todaysDischarge(
        FHIR.newRestfulGenericClient("http://127.0.0.1:" + closedPort + "/fhir"), "kap-pt-01");

    assertThat(today).isInstanceOf(DischargeReader.Today.Unread.class);
  }

  @Test
  void anEhrAnsweringWithAServerErrorIsUnread() throws IOException {
    DischargeReader.Today today = reader.todaysDischarge(client(500, "{\"resourceType\":\"OperationOutcome\"}"),
        "kap-pt-01");

    assertThat(today).isInstanceOf(DischargeReader.Today.Unread.class);
  }

  @Test
  void onlyASessionEndedTodayIsADischarge() throws IOException {
    Bundle yesterdayOnly = bundleEndingAt(NOW.minusSeconds(86_400));
    Bundle today = bundleEndingAt(NOW.minusSeconds(3_600));

    DischargeReader.Today notYet = reader.todaysDischarge(client(200, encoded(yesterdayOnly)), "kap-pt-01");
    stop();
    DischargeReader.Today discharged = reader.todaysDischarge(client(200, encoded(today)), "kap-pt-01");

    assertThat(notYet).isInstanceOf(DischargeReader.Today.NotYet.class);
    assertThat(discharged)
        .isEqualTo(new DischargeReader.Today.Discharged(NOW.minusSeconds(3_600).atZone(CLOCK.getZone())));
  }

  /** A context whose clients, as the app's, do not read {@code metadata} before their first request. */
  private static FhirContext withoutConformanceCheck() {
    FhirContext fhir = FhirContext.forR4();
    fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    return fhir;
  }

  private static Bundle bundleEndingAt(Instant end) {
    Encounter encounter = new Encounter();
    encounter.setId("Encounter/session-1");
    encounter.setPeriod(new Period().setStart(Date.from(end.minusSeconds(7_200))).setEnd(Date.from(end)));
    Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    bundle.addEntry().setResource(encounter);
    return bundle;
  }

  private static String encoded(Bundle bundle) {
    return FHIR.newJsonParser().encodeResourceToString(bundle);
  }

  private ca.uhn.fhir.rest.client.api.IGenericClient client(int status, String body) throws IOException {
    ehr = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ehr.createContext("/fhir/", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    ehr.start();
    return FHIR.newRestfulGenericClient("http://127.0.0.1:" + ehr.getAddress().getPort() + "/fhir");
  }
}
