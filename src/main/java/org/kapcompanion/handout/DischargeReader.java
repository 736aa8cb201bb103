package org.kapcompanion.handout;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.EhrClients;
import org.kapcompanion.vocabulary.SessionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads when the launched patient's dosing session of today ended, for the handout, on the shared read threads. */
final class DischargeReader {

  private static final Logger LOG = LoggerFactory.getLogger(DischargeReader.class);

  private final FhirContext fhir;
  private final ExecutorService reads;
  private final Clock clock;

  DischargeReader(FhirContext fhir, ExecutorService reads, Clock clock) {
    this.fhir = fhir;
    this.reads = reads;
    this.clock = clock;
  }

  /** Whether today's dosing session ended: when it did, that it has not, or that the EHR could not tell. */
  sealed interface Today {
    record Discharged(ZonedDateTime at) implements Today {}

    record NotYet() implements Today {}

    record Unread() implements Today {}
  }

  /** The read started: whether and when today's session of the launch's patient ended. */
  CompletableFuture<Today> today(ActiveSession active) {
    IGenericClient client = EhrClients.forSession(fhir, active);
    String patientId = active.session().context().patientId().orElseThrow();
    return CompletableFuture.supplyAsync(() -> todaysDischarge(client, patientId), reads);
  }

  /** Whether the patient's dosing session of today ended, read with {@code client}. */
  Today todaysDischarge(IGenericClient client, String patientId) {
    try {
      Bundle bundle = client.search().byUrl("Encounter?patient=" + patientId + "&type="
          + SessionType.DOSING.code().token() + "&_sort=-date&_count=10").returnBundle(Bundle.class).execute();
      LocalDate today = LocalDate.now(clock);
      return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
          .filter(Encounter.class::isInstance).map(Encounter.class::cast)
          .filter(encounter -> encounter.getPeriod().getEnd() != null)
          .map(encounter -> encounter.getPeriod().getEnd().toInstant().atZone(clock.getZone()))
          .filter(end -> end.toLocalDate().equals(today))
          .max(Comparator.naturalOrder())
          .<Today>map(Today.Discharged::new).orElseGet(Today.NotYet::new);
    } catch (RuntimeException e) {
      LOG.warn("reading today's session failed: {}", e.getClass().getName());
      return new Today.Unread();
    }
  }
}
