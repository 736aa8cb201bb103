package org.kapcompanion.review;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.launch.SessionPage;
import org.kapcompanion.launch.SessionTokens;
import org.kapcompanion.launch.UserRoles;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.web.Templates;
import org.kapcompanion.writeback.ConformancePackage;
import org.kapcompanion.writeback.ResourceValidator;

/**
 * Assembles supervisor review from what the composition root provides: the supervisor check used at sign-in, and the
 * review pages (queue, session, co-sign, printable summary) with the index that keeps the queue in step with the EHR.
 */
public final class ReviewFeature implements AutoCloseable {

  /** The review pages' free-text field, whose value may hold line breaks: the co-sign comment. */
  public static final String MULTI_LINE_FIELD = "comment";

  private final ExecutorService background;
  private final Map<String, SessionPage> pages;

  public ReviewFeature(FhirContext fhir, ResourceValidator validator, ConformancePackage conformancePackage,
      DataSource dataSource, SessionTokens tokens, RecordService records, ClinicalProtocol protocol,
      ExecutorService reads, Templates templates, Clock clock) {
    this.background = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "kap-review-index");
      thread.setDaemon(true);
      return thread;
    });
    ReviewEhr ehr = new ReviewEhr(fhir, reads);
    SessionFactsReader facts = new SessionFactsReader(ehr);
    ReviewIndex index = new ReviewIndex(ehr, facts, new FeedWatermarks(dataSource), validator, tokens, background,
        clock);
    SessionTimeline timeline = new SessionTimeline(clock.getZone(), protocol.alertRules(), protocol.monitoring(),
        conformancePackage::questionnaire);
    SessionReader reader = new SessionReader(ehr, records);
    SessionReviewPage session = new SessionReviewPage(reader, timeline, templates, "review/session.jte");
    this.pages = Map.of(
        "review", new ReviewGuard(new QueuePage(index, new ReviewQueue(ehr, facts, clock.getZone()), templates),
            templates),
        "review/session", new ReviewGuard(session, templates),
        "review/print", new ReviewGuard(new SessionReviewPage(reader, timeline, templates, "review/print.jte"),
            templates),
        "review/cosign", new ReviewGuard(new CoSignAction(session, validator, new CoSignWriter(ehr), templates,
            clock), templates));
  }

  /** Whether a newly signed-in user is a supervisor: from the EHR's PractitionerRole, or the tenant's list. */
  public static UserRoles supervisorRoles(FhirContext fhir, List<TenantConfig> tenants) {
    return new SupervisorRoles(fhir, tenants);
  }

  /** The review pages, keyed by their path under the session. */
  public Map<String, SessionPage> sessionPages() {
    return pages;
  }

  /** Stops bringing review queues up to date in the background. */
  @Override
  public void close() {
    background.shutdownNow();
  }
}
