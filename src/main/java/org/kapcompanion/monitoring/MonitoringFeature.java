package org.kapcompanion.monitoring;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.kapcompanion.forms.FormCatalog;
import org.kapcompanion.predose.PredoseReadiness;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.web.Templates;
import org.kapcompanion.writeback.ConformancePackage;
import org.kapcompanion.writeback.EntrySaver;

/**
 * Assembles dosing and monitoring: the session workspace (start, dose, readings, alerts, notes, timeline), written
 * through write-back.
 */
public final class MonitoringFeature {

  private final Map<String, SessionPage> pages = new HashMap<>();
  private final DosingSessionReader reader;

  /**
   * @param reads the threads that wait on the EHR, shared by all sessions
   */
  public MonitoringFeature(FhirContext fhir, EntrySaver entries, ConformancePackage conformancePackage,
      FormCatalog catalog, RecordService records, ClinicalProtocol protocol, ExecutorService reads,
      Templates templates, Clock clock) {
    this.reader = new DosingSessionReader(fhir, entries, new PredoseReadiness(catalog, protocol,
        clock.getZone()), reads,
        clock);
    pages.putAll(new WorkspacePage(reader, entries, records, protocol, QuickTag.from(conformancePackage), templates,
        clock).pages());
    pages.put("session/alerts/acknowledge", new AlertAcknowledgement(reader, entries, protocol, fhir, clock).page());
  }

  /** Reads today's dosing session back from the EHR; discharge judges the same session. */
  public DosingSessionReader todaysSession() {
    return reader;
  }

  /** The session pages of dosing and monitoring, keyed by their path under the session. */
  public Map<String, SessionPage> sessionPages() {
    return Map.copyOf(pages);
  }
}
