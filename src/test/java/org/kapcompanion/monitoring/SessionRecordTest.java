package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
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
    assertThat(record.dose()).isEqualTo(decoded.dose()).isPresent();
    assertThat(record.timeline()).extracting(TimelineItem::detail)
        .contains("186/112 mmHg", "Vomited once; settled within 15 minutes.")
        .containsAll(decoded.readings().stream().map(Reading::withUnit).toList());
    assertThat(record.timeline()).extracting(TimelineItem::title).contains("Alert: Blood pressure above threshold",
        "Adverse event: Vomiting", "Pre-dose checklist", "Discharge checklist");
  }
}
