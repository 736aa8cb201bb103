package org.kapcompanion.review;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.kapcompanion.admin.DaemonThreads;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.launch.SessionTokens;
import org.kapcompanion.session.UserRoles;
import org.kapcompanion.record.RecordService;
import org.kapcompanion.web.Templates;
import org.kapcompanion.writeback.ConformancePackage;
import org.kapcompanion.writeback.DeliveryFollowUp;
import org.kapcompanion.writeback.ResourceValidator;

/**
 * Assembles supervisor review from what the composition root provides: the supervisor check used at sign-in, the
 * review index built from the entries the app delivered, and the review pages (queue, session, co-sign, printable
 * summary) with the optional pickup of sessions recorded by other means.
 */
public final class ReviewFeature implements AutoCloseable {

  /** The review pages' free-text field, whose value may hold line breaks: the co-sign comment. */
  public static final String MULTI_LINE_FIELD = "comment";

  private final ExecutorService background;
  private final Optional<FeedPickup> pickup;
  private final Map<String, SessionPage> pages = new HashMap<>();

  /**
   * @param changeFeed whether sessions recorded by other means are picked up from the EHR's change feed (searches
   *     across patients; switched off per tenant when its EHR refuses them)
   */
  public ReviewFeature(FhirContext fhir, ResourceValidator validator, ConformancePackage conformancePackage,
      DataSource dataSource, SessionTokens tokens, RecordService records, ClinicalProtocol protocol,
      ExecutorService reads, Templates templates, boolean changeFeed, Clock clock) {
    this.background = Executors.newSingleThreadExecutor(DaemonThreads.named("kap-review-pickup"));
    ReviewEhr ehr = new ReviewEhr(fhir, reads);
    SessionFactsReader facts = new SessionFactsReader(ehr);
    SessionIndex index = new SessionIndex(dataSource, clock);
    this.pickup = changeFeed ? Optional.of(new FeedPickup(ehr, facts, new FeedWatermarks(dataSource), index,
        validator, tokens, background, clock)) : Optional.empty();
    SessionTimeline timeline = new SessionTimeline(clock.getZone(), protocol.alertRules(), protocol.monitoring(),
        conformancePackage::questionnaire);
    ReviewedSessionReader reader = new ReviewedSessionReader(ehr, records);
    SessionReviewPage session = new SessionReviewPage(reader, timeline, templates, model -> model);
    pages.put("review", ReviewGuard.view(new QueuePage(new ReviewQueue(ehr, facts, index, clock.getZone()), pickup,
        templates), templates));
    pages.put("review/session", ReviewGuard.view(session, templates));
    pages.put("review/print", ReviewGuard.view(new SessionReviewPage(reader, timeline, templates,
        SessionReviewModel::printable), templates));
    pages.put("review/cosign", ReviewGuard.action(new CoSignAction(session, validator, new CoSignWriter(ehr), index,
        clock), ReviewGuard.Permission.CO_SIGN, templates));
    pickup.ifPresent(feeds -> pages.put("review/pickup", ReviewGuard.action(new PickupAction(feeds),
        ReviewGuard.Permission.PICK_UP, templates)));
  }

  /**
   * What records each dosing session in the review index, and writes its review Task, as the EHR confirms the
   * entries the app wrote: the queue needs no search across patients.
   */
  public static DeliveryFollowUp indexOfDeliveredSessions(DataSource dataSource, ResourceValidator validator,
      Clock clock) {
    return new DeliveredSessions(new SessionIndex(dataSource, clock), validator, clock);
  }

  /**
   * At a supervisor's sign-in with every patient's sessions in reach, starts picking up sessions recorded by other
   * means in the background (where configured and the EHR allows it).
   */
  public void signedIn(ActiveSession active) {
    Optional<ReviewAccess> access = ReviewAccess.of(active.session());
    if (pickup.isPresent() && access.filter(ReviewAccess::picksUpSessions).isPresent()) {
      pickup.get().start(active);
    }
  }

  /** Whether a newly signed-in user is a supervisor: from the EHR's PractitionerRole, or the tenant's list. */
  public static UserRoles supervisorRoles(FhirContext fhir, List<TenantConfig> tenants) {
    return new SupervisorRoles(fhir, tenants);
  }

  /** The review pages, keyed by their path under the session. */
  public Map<String, SessionPage> sessionPages() {
    return Map.copyOf(pages);
  }

  /** Stops picking up sessions in the background. */
  @Override
  public void close() {
    background.shutdownNow();
  }
}
