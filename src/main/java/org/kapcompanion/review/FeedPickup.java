package org.kapcompanion.review;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.kapcompanion.session.EhrClients;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.launch.SessionTokens;
import org.kapcompanion.store.Hashes;
import org.kapcompanion.writeback.ResourceValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional pickup of sessions recorded by other means, for EHRs that answer searches across patients: follows the
 * EHR's change feeds ({@code _lastUpdated} searches) from the stored watermarks, reads the sessions that changed,
 * records them in the {@link SessionIndex} and writes their review Tasks. It runs in the background with a
 * supervisor's session when they sign in or ask for it (a POST), never while a page is shown. An EHR that refuses the
 * searches switches it off for its tenant, and the queue says so.
 */
final class FeedPickup {

  /**
   * How long a write may take to commit on the EHR: a feed read at the EHR's time {@code t} is read again from
   * {@code t - OVERLAP}, for writes that were in flight then and carry an earlier {@code _lastUpdated}.
   */
  static final Duration OVERLAP = Duration.ofSeconds(30);
  /** Changed sessions per feed a background round takes up. */
  static final int BACKGROUND_BUDGET = 400;
  private static final Logger LOG = LoggerFactory.getLogger(FeedPickup.class);

  private final ReviewEhr ehr;
  private final SessionFactsReader reader;
  private final FeedWatermarks watermarks;
  private final SessionIndex index;
  private final ResourceValidator validator;
  private final SessionTokens tokens;
  private final ExecutorService background;
  private final Clock clock;
  private final Map<String, TenantFeeds> tenants = new ConcurrentHashMap<>();

  FeedPickup(ReviewEhr ehr, SessionFactsReader reader, FeedWatermarks watermarks, SessionIndex index,
      ResourceValidator validator, SessionTokens tokens, ExecutorService background, Clock clock) {
    this.ehr = ehr;
    this.reader = reader;
    this.watermarks = watermarks;
    this.index = index;
    this.validator = validator;
    this.tokens = tokens;
    this.background = background;
    this.clock = clock;
  }

  /** Where the pickup of a tenant stands, for the queue page to say. */
  enum State {
    /** Not run since this node started, or up to date. */
    IDLE,
    /** Sessions are still being picked up in the background. */
    CATCHING_UP,
    /** The EHR refused a search across patients: the pickup is off for the tenant. */
    REFUSED
  }

  State state(String tenantId) {
    TenantFeeds feeds = tenants.get(tenantId);
    if (feeds == null) {
      return State.IDLE;
    }
    return feeds.refused ? State.REFUSED : feeds.backgroundRunning.get() ? State.CATCHING_UP : State.IDLE;
  }

  /** One tenant's feeds: one pickup at a time, and the items already taken up inside the overlap window. */
  private static final class TenantFeeds {
    final AtomicBoolean backgroundRunning = new AtomicBoolean();
    volatile boolean refused;
    final Map<ChangeFeed, Map<String, Instant>> seen = new EnumMap<>(ChangeFeed.class);
  }

  /** An item of a feed: its version key, when the EHR stored it, and the sessions it concerns. */
  private record Item(String key, Instant stored, List<String> sessions) {}

  /** What one feed showed since its watermark. */
  private record FeedRead(ChangeFeed feed, List<Item> items, Instant ehrNow, boolean truncated) {}

  /**
   * Picks up what the EHR stored since the last pickup, in the background with the supervisor's session (which needs
   * user-level reads of the session records and writes of Task), unless a pickup of the tenant is running already.
   */
  void start(ActiveSession active) {
    TenantFeeds feeds = tenants.computeIfAbsent(active.session().tenantId(), id -> new TenantFeeds());
    if (feeds.refused || !feeds.backgroundRunning.compareAndSet(false, true)) {
      return;
    }
    String sessionHash = Hashes.sha256(active.handle());
    background.execute(() -> {
      try {
        boolean complete = false;
        while (!complete) {
          Optional<AppSession> session = tokens.freshByHash(sessionHash);
          if (session.isEmpty()) {
            return;
          }
          ActiveSession current = new ActiveSession(active.handle(), session.get());
          complete = catchUp(current, feeds, BACKGROUND_BUDGET);
        }
      } catch (ForbiddenOperationException | InvalidRequestException refused) {
        feeds.refused = true;
        LOG.warn("the EHR of tenant {} refuses searches across patients (HTTP {}): sessions recorded by other means "
            + "are not picked up", active.session().tenantId(), refused.getStatusCode());
      } catch (RuntimeException e) {
        LOG.warn("review queue pickup stopped: {}", e.getClass().getName());
      } finally {
        feeds.backgroundRunning.set(false);
      }
    });
  }

  /** One round over every feed; true when no feed had more than the budget. Run by the tenant's one pickup. */
  private boolean catchUp(ActiveSession active, TenantFeeds feeds, int budget) {
    String tenantId = active.session().tenantId();
    Map<ChangeFeed, Instant> marks = watermarks.of(tenantId);
    boolean first = marks.isEmpty();
    Map<ChangeFeed, CompletableFuture<FeedRead>> pending = new EnumMap<>(ChangeFeed.class);
    for (ChangeFeed feed : ChangeFeed.values()) {
      if (first && feed != ChangeFeed.SESSIONS) {
        continue;
      }
      Instant since = marks.getOrDefault(feed, Instant.EPOCH);
      Map<String, Instant> seen = feeds.seen.computeIfAbsent(feed, f -> new ConcurrentHashMap<>());
      pending.put(feed, ehr.async(active, client -> read(client, feed, since, seen, budget)));
    }
    Map<String, Optional<Instant>> changed = new LinkedHashMap<>();
    List<FeedRead> reads = new ArrayList<>();
    for (CompletableFuture<FeedRead> future : pending.values()) {
      FeedRead read = EhrClients.await(future);
      reads.add(read);
      for (Item item : read.items()) {
        for (String session : item.sessions()) {
          Optional<Instant> change = read.feed().changesRecords() ? Optional.of(item.stored()) : Optional.empty();
          changed.merge(session, change, FeedPickup::later);
        }
      }
    }
    refresh(active, changed);
    Map<ChangeFeed, Instant> advanced = new EnumMap<>(ChangeFeed.class);
    for (FeedRead read : reads) {
      Instant mark = through(read);
      advanced.put(read.feed(), mark);
      Map<String, Instant> seen = feeds.seen.get(read.feed());
      read.items().forEach(item -> seen.put(item.key(), item.stored()));
      seen.values().removeIf(stored -> stored.isBefore(mark));
      if (first && read.feed() == ChangeFeed.SESSIONS) {
        // The sessions read on a first run carry their alerts, checklists and co-signs as of then: the other feeds
        // start there.
        for (ChangeFeed other : ChangeFeed.values()) {
          if (other != ChangeFeed.SESSIONS) {
            advanced.put(other, read.ehrNow().minus(OVERLAP));
          }
        }
      }
    }
    watermarks.advance(tenantId, advanced);
    return reads.stream().noneMatch(FeedRead::truncated);
  }

  /**
   * Where the feed resumes: after a read cut short by the budget, at the last item taken (what follows was stored at
   * or after it); after a whole read, at the EHR's time of the read less {@link #OVERLAP}, since every write stored
   * before then has committed. Items read again are skipped by their version key.
   */
  private static Instant through(FeedRead read) {
    if (read.truncated()) {
      return read.items().get(read.items().size() - 1).stored();
    }
    return read.ehrNow().minus(OVERLAP);
  }

  private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().isAfter(b.get()) ? a : b;
  }

  /** Reads one feed from {@code since}, page by page, until it ends or {@code budget} new sessions were seen. */
  private static FeedRead read(IGenericClient client, ChangeFeed feed, Instant since, Map<String, Instant> seen,
      int budget) {
    Bundle page = ReviewEhr.search(client, feed.query(since));
    Instant ehrNow = page.getMeta().hasLastUpdated() ? page.getMeta().getLastUpdated().toInstant() : Instant.now();
    List<Item> items = new ArrayList<>();
    Set<String> sessions = new HashSet<>();
    while (true) {
      for (Bundle.BundleEntryComponent entry : page.getEntry()) {
        Resource resource = entry.getResource();
        if (resource == null) {
          continue;
        }
        String key = resource.fhirType() + "/" + resource.getIdElement().getIdPart() + "/"
            + resource.getMeta().getVersionId();
        if (seen.containsKey(key)) {
          continue;
        }
        if (sessions.size() >= budget) {
          // The rest comes next round: it was stored at or after the last item taken, so the watermark keeps it.
          return new FeedRead(feed, items, ehrNow, true);
        }
        List<String> concerned = feed.sessionsOf(resource);
        items.add(new Item(key, SessionFacts.stored(resource), concerned));
        sessions.addAll(concerned);
      }
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return new FeedRead(feed, items, ehrNow, false);
      }
      page = client.loadPage().next(page).execute();
    }
  }

  /**
   * Reads the sessions, records them in the index, and writes the review Tasks whose content changed,
   * {@link SessionFactsReader#CHUNK} sessions per read and per transaction.
   *
   * @param changed the sessions, each with the latest change to its records the feeds showed
   */
  private void refresh(ActiveSession active, Map<String, Optional<Instant>> changed) {
    String tenantId = active.session().tenantId();
    List<String> ids = new ArrayList<>(changed.keySet());
    for (int from = 0; from < ids.size(); from += SessionFactsReader.CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + SessionFactsReader.CHUNK));
      Bundle writes = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      for (SessionFacts facts : reader.byIds(active, chunk).facts()) {
        ReviewEntry entry = ReviewEntry.of(facts, changed.getOrDefault(facts.encounterId(), Optional.empty()));
        if (!index.find(tenantId, entry.encounterId()).map(SessionIndex.Indexed::entry).equals(Optional.of(entry))) {
          index.save(tenantId, entry, Optional.empty());
        }
        if (facts.task().map(ReviewTasks::entryOf).equals(Optional.of(entry))) {
          continue;
        }
        Task task = ReviewTasks.taskFor(entry, facts.task().map(Task::getNote).orElse(List.of()), clock.instant());
        if (!validator.validate(task).isValid()) {
          LOG.warn("a review Task did not validate against its profile and was not written");
          continue;
        }
        writes.addEntry().setResource(task).getRequest().setMethod(Bundle.HTTPVerb.PUT)
            .setUrl(ReviewTasks.conditionalUrl(facts.encounterId()));
      }
      if (!writes.getEntry().isEmpty()) {
        ehr.call(active, client -> client.transaction().withBundle(writes).execute());
      }
    }
  }
}
