package org.kapcompanion.launch;

import org.kapcompanion.admin.DaemonThreads;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.session.UserRoles;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.kapcompanion.config.AppConfig;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.web.EhrHttp;
import org.kapcompanion.web.SecurityHeaders;
import org.kapcompanion.web.Templates;
import org.kapcompanion.web.DocumentServlet;
import org.kapcompanion.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assembles the SMART launch feature from what the composition root provides, and exposes its routes. */
public final class LaunchFeature {

  private static final Duration PURGE_INTERVAL = Duration.ofMinutes(15);
  private static final Logger LOG = LoggerFactory.getLogger(LaunchFeature.class);

  private final AppConfig config;
  private final Templates templates;
  private final SecurityHeaders headers;
  private final AppKeys keys;
  private final Sessions sessions;
  private final LaunchService launches;
  private final SessionTokens sessionTokens;

  /** @param headers the security headers, which let only a session's own EHR frame its pages */
  public LaunchFeature(AppConfig config, DataSource dataSource, SecretBox box, Templates templates,
      SecurityHeaders headers, UserRoles roles, Clock clock) {
    this.config = config;
    this.templates = templates;
    this.headers = headers;
    HttpClient http = EhrHttp.builder().followRedirects(HttpClient.Redirect.NORMAL).build();
    SmartDiscovery discovery = new SmartDiscovery(http, clock);
    this.keys = AppKeys.load(config.keysFile());
    TokenClient tokens = new TokenClient(keys);
    this.sessions = new Sessions(dataSource, box, clock);
    LaunchStates states = new LaunchStates(dataSource, box, clock);
    this.launches = new LaunchService(config, discovery, states, tokens, new IdTokenVerifier(), sessions, roles,
        clock);
    this.sessionTokens = new SessionTokens(config, discovery, tokens, sessions, clock);
    purgeExpiredEvery(PURGE_INTERVAL, states);
  }

  /** Deletes ended sessions and launches that were never completed, so the store holds no stale tokens. */
  private void purgeExpiredEvery(Duration interval, LaunchStates states) {
    ScheduledExecutorService purger =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("kap-session-purge"));
    purger.scheduleWithFixedDelay(() -> {
      try {
        states.purgeExpired();
        sessions.purgeExpired();
      } catch (RuntimeException e) {
        LOG.warn("purging expired sessions failed: {}", e.getClass().getName());
      }
    }, interval.toMinutes(), interval.toMinutes(), TimeUnit.MINUTES);
  }

  /** Runs {@code listener} with every session a launch starts (at the callback), before its first page. */
  public void whenStarted(java.util.function.Consumer<ActiveSession> listener) {
    launches.whenStarted(listener);
  }

  public SessionTokens sessionTokens() {
    return sessionTokens;
  }

  /** The launch routes, plus the session pages given by the other features keyed by their path under the session. */
  public List<WebServer.Route> routes(Map<String, SessionPage> sessionPages) {
    PageMemory pageMemory = new PageMemory(sessionPages.keySet());
    return List.of(
        new WebServer.Route("", new StartServlet(config, templates)),
        new WebServer.Route("/launch", new LaunchServlet(launches, templates)),
        new WebServer.Route("/callback", new CallbackServlet(launches, templates, pageMemory)),
        new WebServer.Route("/.well-known/jwks.json",
            new DocumentServlet("application/jwk-set+json", "public, max-age=300", keys::publicJwks)),
        new WebServer.Route("/s/*", new SessionPages(sessions, sessionTokens, templates, headers, sessionPages,
            pageMemory)));
  }
}
