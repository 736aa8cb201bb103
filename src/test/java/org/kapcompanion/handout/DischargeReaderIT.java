package org.kapcompanion.handout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.concurrent.Executors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.StubFhirServer;

/**
 * Whether today's session ended, as the handout reads it over real HTTP: an EHR that cannot answer is "could not be
 * read", never "not discharged yet", and only a session ended today counts.
 */
class DischargeReaderIT {

  private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("America/Chicago"));

  private final DischargeReader reader =
      new DischargeReader(StubFhirServer.FHIR, Executors.newSingleThreadExecutor(), CLOCK);

  @Test
  void anEhrThatCannotBeReachedIsUnreadNotUndischarged() throws IOException {
    DischargeReader.Today today = reader.todaysDischarge(StubFhirServer.unreachableClient(), "kap-pt-01");

    assertThat(today).isInstanceOf(DischargeReader.Today.Unread.class);
  }

  @Test
  void anEhrAnsweringWithAServerErrorIsUnread() throws IOException {
    try (StubFhirServer ehr = StubFhirServer.answering(500, "{\"resourceType\":\"OperationOutcome\"}")) {
      assertThat(reader.todaysDischarge(ehr.client(), "kap-pt-01")).isInstanceOf(DischargeReader.Today.Unread.class);
    }
  }

  @Test
  void onlyASessionEndedTodayIsADischarge() throws IOException {
    try (StubFhirServer yesterdayOnly = StubFhirServer.answering(200, bundleEndingAt(NOW.minusSeconds(86_400)));
        StubFhirServer today = StubFhirServer.answering(200, bundleEndingAt(NOW.minusSeconds(3_600)))) {
      assertThat(reader.todaysDischarge(yesterdayOnly.client(), "kap-pt-01"))
          .isInstanceOf(DischargeReader.Today.NotYet.class);
      assertThat(reader.todaysDischarge(today.client(), "kap-pt-01"))
          .isEqualTo(new DischargeReader.Today.Discharged(NOW.minusSeconds(3_600).atZone(CLOCK.getZone())));
    }
  }

  private static String bundleEndingAt(Instant end) {
    Encounter encounter = new Encounter();
    encounter.setId("Encounter/session-1");
    encounter.setPeriod(new Period().setStart(Date.from(end.minusSeconds(7_200))).setEnd(Date.from(end)));
    Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    bundle.addEntry().setResource(encounter);
    return StubFhirServer.FHIR.newJsonParser().encodeResourceToString(bundle);
  }
}
