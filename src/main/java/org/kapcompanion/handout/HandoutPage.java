package org.kapcompanion.handout;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.record.PatientRecord;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.web.Templates;

/**
 * {@code /s/{handle}/handout}: the printable recovery instructions for the patient, from the clinic's template, with
 * the discharge time of today's dosing session when it is recorded; before discharge it says nothing of leaving and
 * is marked as not yet discharged. Banner and session read in parallel.
 */
public final class HandoutPage implements SessionPage {

  private final ClinicalProtocol protocol;
  private final RecordService records;
  private final DischargeReader discharges;
  private final Templates templates;
  private final Clock clock;

  public HandoutPage(ClinicalProtocol protocol, RecordService records, FhirContext fhir, ExecutorService reads,
      Templates templates, Clock clock) {
    this.protocol = protocol;
    this.records = records;
    this.discharges = new DischargeReader(fhir, reads, clock);
    this.templates = templates;
    this.clock = clock;
  }

  @Override
  public void handle(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    CompletableFuture<DischargeReader.Today> discharge = discharges.today(active);
    Optional<PatientRecord> banner = records.banner(active);
    DischargeReader.Today today = discharge.join();
    Optional<ZonedDateTime> discharged = today instanceof DischargeReader.Today.Discharged left
        ? Optional.of(left.at()) : Optional.empty();
    String template = discharged.isPresent() ? protocol.recoveryInstructions()
        : RecoveryHandout.beforeDischarge(protocol.recoveryInstructions());
    String markdown = RecoveryHandout.fill(template, RecoveryHandout.values(protocol,
        discharged.orElse(ZonedDateTime.now(clock))));
    templates.render(response, 200, new HandoutModel(banner.orElse(null), active.session(), active.basePath(),
        RecoveryHandout.toHtml(markdown), discharged.isPresent(), today instanceof DischargeReader.Today.Unread));
  }
}
