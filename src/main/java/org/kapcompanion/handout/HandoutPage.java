package org.kapcompanion.handout;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.launch.EhrClients;
import org.kapcompanion.launch.SessionPage;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.SessionType;
import org.kapcompanion.web.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /s/{handle}/handout}: the printable recovery instructions for the patient, from the clinic's template, with
 * the discharge time of today's dosing session when it is recorded; before discharge it says nothing of leaving and
 * is marked as not yet discharged. Banner and session read in parallel.
 */
public final class HandoutPage implements SessionPage {

  private static final Logger LOG = LoggerFactory.getLogger(HandoutPage.class);

  private final ClinicalProtocol protocol;
  private final RecordService records;
  private final FhirContext fhir;
  private final ExecutorService reads;
  private final Templates templates;
  private final Clock clock;

  public HandoutPage(ClinicalProtocol protocol, RecordService records, FhirContext fhir, ExecutorService reads,
      Templates templates, Clock clock) {
    this.protocol = protocol;
    this.records = records;
    this.fhir = fhir;
    this.reads = reads;
    this.templates = templates;
    this.clock = clock;
  }

  @Override
  public void handle(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String patientId = active.session().context().patientId().orElseThrow();
    IGenericClient client = EhrClients.forSession(fhir, active);
    CompletableFuture<Optional<ZonedDateTime>> discharge = CompletableFuture.supplyAsync(
        () -> todaysDischarge(client, patientId), reads);
    Optional<PatientRecord> banner = records.banner(active);
    Optional<ZonedDateTime> discharged = discharge.join();
    String template = discharged.isPresent() ? protocol.recoveryInstructions()
        : RecoveryHandout.beforeDischarge(protocol.recoveryInstructions());
    String markdown = RecoveryHandout.fill(template, RecoveryHandout.values(protocol,
        discharged.orElse(ZonedDateTime.now(clock))));
    Map<String, Object> model = new HashMap<>();
    model.put("record", banner.orElse(null));
    model.put("session", active.session());
    model.put("basePath", active.basePath());
    model.put("instructions", RecoveryHandout.toHtml(markdown));
    model.put("discharged", discharged.isPresent());
    templates.render(response, 200, "handout/handout.jte", model);
  }

  /** When today's dosing session of the patient ended, if it has. */
  private Optional<ZonedDateTime> todaysDischarge(IGenericClient client, String patientId) {
    try {
      Bundle bundle = client.search().byUrl("Encounter?patient=" + patientId + "&type=" + KapUrls.SESSION_TYPES
          + "|" + SessionType.DOSING.value() + "&_sort=-date&_count=10").returnBundle(Bundle.class).execute();
      LocalDate today = LocalDate.now(clock);
      return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
          .filter(Encounter.class::isInstance).map(Encounter.class::cast)
          .filter(encounter -> encounter.getPeriod().getEnd() != null)
          .map(encounter -> encounter.getPeriod().getEnd().toInstant().atZone(clock.getZone()))
          .filter(end -> end.toLocalDate().equals(today))
          .max(Comparator.naturalOrder());
    } catch (RuntimeException e) {
      LOG.warn("reading today's session failed: {}", e.getClass().getName());
      return Optional.empty();
    }
  }
}
