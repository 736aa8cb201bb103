package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.recorded.RecordedSession;
import org.kapcompanion.recorded.SessionDecoder;
import org.kapcompanion.testing.SandboxSessions;

class SessionRecordTest {

  private static final List<Resource> RESOURCES = SandboxSessions.resources(SandboxSessions.Session.plain("live",
      "p1", "t1", Instant.parse("2026-11-19T09:00:00Z")).withAlert().withAdverseEvent());

  @Test
  void theDosingPageReadsTheSessionThroughTheOneDecoder() {
    Encounter encounter = RESOURCES.stream().filter(Encounter.class::isInstance).map(Encounter.class::cast)
        .findFirst().orElseThrow();
    List<Resource> recorded = RESOURCES.stream()
        .filter(r -> !(r instanceof Encounter) && !(r instanceof Provenance)).toList();

    SessionRecord record = SessionRecord.of(encounter, "Encounter/live", recorded, List.of(), ZoneOffset.UTC);

    RecordedSession decoded = SessionDecoder.decode(recorded);
    assertThat(record.readings()).isEqualTo(decoded.readings()).hasSize(4);
    assertThat(record.facts().doses()).isEqualTo(decoded.doses()).hasSize(1);
    assertThat(record.timeline()).extracting(TimelineItem::detail)
        .contains("186/112 mmHg", "Vomited once; settled within 15 minutes.")
        .containsAll(decoded.readings().stream().map(Reading::withUnit).toList());
    assertThat(record.timeline()).extracting(TimelineItem::title).contains("Alert: Blood pressure above threshold",
        "Adverse event: Vomiting", "Pre-dose checklist", "Discharge checklist");
  }

  @Test
  void aSecondDoseSavedFromAnotherTabIsOnTheDosingPageWithTheSessionTotal() {
    Encounter encounter = RESOURCES.stream().filter(Encounter.class::isInstance).map(Encounter.class::cast)
        .findFirst().orElseThrow();
    List<Resource> fromEhr = RESOURCES.stream()
        .filter(r -> !(r instanceof Encounter) && !(r instanceof Provenance)).toList();

    SessionRecord record = SessionRecord.of(encounter, "Encounter/live", fromEhr,
        List.of(SandboxSessions.secondDose(fromEhr, 25, 40)), ZoneOffset.UTC);

    assertThat(record.facts().doses()).extracting(Dose::milligrams).containsExactly(new BigDecimal("50"),
        new BigDecimal("40"));
    assertThat(record.facts().doseTotal()).isEqualTo("Ketamine 90 mg");
    assertThat(record.firstDose().orElseThrow().effective()).isEqualTo("2026-11-19T09:10:00Z");
    assertThat(record.latestDose().orElseThrow().effective()).isEqualTo("2026-11-19T09:35:00Z");
    assertThat(record.timeline()).filteredOn(item -> item.title().equals("Dose"))
        .extracting(TimelineItem::clockTime, TimelineItem::detail, TimelineItem::inEhr)
        .containsExactly(tuple("09:35", "Ketamine 40 mg IM · lot KT-LOT-7", false),
            tuple("09:10", "Ketamine 50 mg IM · lot KT-LOT-7", true));
  }
}
