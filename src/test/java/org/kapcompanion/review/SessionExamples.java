package org.kapcompanion.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.testing.SandboxSessions;

/** Sessions as the EHR returns them (stored at a given time), built from the same resources the ITs write. */
final class SessionExamples {

  static final Instant STORED = Instant.parse("2026-11-20T12:00:00Z");

  private SessionExamples() {}

  static List<Resource> stored(SandboxSessions.Session session) {
    List<Resource> resources = SandboxSessions.resources(session);
    resources.forEach(resource -> resource.getMeta().setLastUpdatedElement(new InstantType(Date.from(STORED))));
    return resources;
  }

  static ReviewedSessionReader.SessionRecord record(SandboxSessions.Session session) {
    return record(stored(session));
  }

  static ReviewedSessionReader.SessionRecord record(List<Resource> resources) {
    Encounter encounter = null;
    List<Resource> recorded = new ArrayList<>();
    List<Provenance> provenance = new ArrayList<>();
    for (Resource resource : resources) {
      if (resource instanceof Encounter found) {
        encounter = found;
      } else if (resource instanceof Provenance found) {
        provenance.add(found);
      } else {
        recorded.add(resource);
      }
    }
    return new ReviewedSessionReader.SessionRecord(encounter, recorded, provenance, Optional.empty(),
        PersonNames.in(List.of()), Optional.empty(), List.of());
  }

  static SessionFacts facts(SandboxSessions.Session session) {
    return record(session).facts().orElseThrow();
  }
}
