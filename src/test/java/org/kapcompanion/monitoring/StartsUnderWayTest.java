package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.vocabulary.SessionType;
import org.kapcompanion.writeback.Entry;

class StartsUnderWayTest {

  private static final ZoneId CLINIC = ZoneId.of("America/New_York");
  private static final Instant NOW = Instant.parse("2026-11-19T15:00:00Z");

  @Test
  void aDosingSessionStartedTodayThatHasNotReachedTheEhrIsUnderWay() {
    Instant start = Instant.parse("2026-11-19T14:05:00Z");

    assertThat(StartsUnderWay.of(List.of(started("colleague", start)), NOW, CLINIC)).containsExactly(start);
  }

  @Test
  void aStartOfAnotherClinicDayIsNotUnderWay() {
    Instant yesterdayInTheClinic = Instant.parse("2026-11-19T04:30:00Z");

    assertThat(StartsUnderWay.of(List.of(started("late", yesterdayInTheClinic)), NOW, CLINIC)).isEmpty();
  }

  @Test
  void aSessionWhoseFinishIsAlsoOnItsWayIsNotUnderWay() {
    Encounter start = started("finished", Instant.parse("2026-11-19T13:00:00Z"));
    Encounter finish = start.copy().setStatus(Encounter.EncounterStatus.FINISHED);

    assertThat(StartsUnderWay.of(List.of(start, finish), NOW, CLINIC)).isEmpty();
  }

  @Test
  void anEncounterOfAnotherSessionTypeIsNotADosingSession() {
    Encounter integration = started("integration", Instant.parse("2026-11-19T14:00:00Z"));
    integration.getTypeFirstRep().getCodingFirstRep().setCode(SessionType.INTEGRATION.value());

    assertThat(StartsUnderWay.of(List.<Resource>of(integration), NOW, CLINIC)).isEmpty();
  }

  private static Encounter started(String entryId, Instant at) {
    Entry entry = EntryMapping.startedSession(entryId, new SessionSubject("p1", Optional.empty(),
        Optional.of("Practitioner/t2")), Optional.empty(), at);
    return (Encounter) entry.target();
  }
}
