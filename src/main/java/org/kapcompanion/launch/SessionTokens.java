package org.kapcompanion.launch;

import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.AppSession;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.kapcompanion.config.AppConfig;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.store.Hashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out a working access token for a session: refreshed shortly before it expires, and once more when the EHR
 * answers 401 (SMART App Launch 2.x §2.1.4 "Refresh access token").
 */
public final class SessionTokens {

  private static final Duration REFRESH_BEFORE = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(SessionTokens.class);

  private final AppConfig config;
  private final SmartDiscovery discovery;
  private final TokenClient tokens;
  private final Sessions sessions;
  private final Clock clock;
  private final ReentrantLock[] locks = new ReentrantLock[64];

  SessionTokens(AppConfig config, SmartDiscovery discovery, TokenClient tokens, Sessions sessions, Clock clock) {
    this.config = config;
    this.discovery = discovery;
    this.tokens = tokens;
    this.sessions = sessions;
    this.clock = clock;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** The session with an access token valid for at least a minute, or empty when it can no longer be refreshed. */
  public Optional<AppSession> fresh(String handle, AppSession session) {
    if (session.tokens().accessTokenExpiresAt().isAfter(clock.instant().plus(REFRESH_BEFORE))) {
      return Optional.of(session);
    }
    return refreshByHash(Hashes.sha256(handle), session);
  }

  /**
   * The session stored under {@code sessionHash} with a working access token, for server-side delivery of queued
   * writes (no browser involved); empty when the session ended or can no longer be refreshed.
   */
  public Optional<AppSession> freshByHash(String sessionHash) {
    return sessions.findByHash(sessionHash).flatMap(session ->
        session.tokens().accessTokenExpiresAt().isAfter(clock.instant().plus(REFRESH_BEFORE))
            ? Optional.of(session) : refreshByHash(sessionHash, session));
  }

  /**
   * A working access token after the EHR rejected {@code rejectedAccessToken}: refreshed, or the one another request
   * of the session already got. Empty when the session must be launched again.
   */
  public Optional<String> renewed(String sessionHash, String rejectedAccessToken) {
    return refreshByHash(sessionHash, rejectedAccessToken).map(session -> session.tokens().accessToken())
        .filter(renewed -> !renewed.equals(rejectedAccessToken));
  }

  /** The session as a page request holds it, able to renew its access token. */
  ActiveSession active(String handle, AppSession session) {
    String sessionHash = Hashes.sha256(handle);
    return new ActiveSession(handle, session, rejected -> renewed(sessionHash, rejected));
  }

  /**
   * Like {@link #refresh}, for server-side delivery: after the EHR rejected {@code rejectedAccessToken}. When another
   * thread or node already replaced that token, the stored session is returned as it is.
   */
  private Optional<AppSession> refreshByHash(String sessionHash, String rejectedAccessToken) {
    ReentrantLock lock = locks[Math.floorMod(sessionHash.hashCode(), locks.length)];
    lock.lock();
    try {
      Optional<AppSession> stored = sessions.findByHash(sessionHash);
      if (stored.isEmpty() || !stored.get().tokens().accessToken().equals(rejectedAccessToken)) {
        return stored;
      }
      return doRefresh(sessionHash, stored.get());
    } finally {
      lock.unlock();
    }
  }

  private Optional<AppSession> refreshByHash(String sessionHash, AppSession session) {
    ReentrantLock lock = locks[Math.floorMod(sessionHash.hashCode(), locks.length)];
    lock.lock();
    try {
      return doRefresh(sessionHash, session);
    } finally {
      lock.unlock();
    }
  }

  private Optional<AppSession> doRefresh(String sessionHash, AppSession session) {
    Optional<TenantConfig> tenant = config.tenant(session.tenantId());
    if (session.tokens().refreshToken().isEmpty() || tenant.isEmpty()) {
      return Optional.empty();
    }
    try {
      SmartConfiguration smart = discovery.discover(tenant.get().fhirBaseUrl());
      RefreshTokenGrant grant = new RefreshTokenGrant(new RefreshToken(session.tokens().refreshToken().get()));
      TokenClient.Result result = tokens.request(tenant.get(), smart.tokenEndpoint(), grant);
      if (!(result instanceof TokenClient.Result.Success success)) {
        LOG.warn("token refresh failed for tenant {}: {}", session.tenantId(), result.getClass().getSimpleName());
        return Optional.empty();
      }
      AppSession refreshed = session.withTokens(tokensFrom(success.response().getTokens(), session.tokens()));
      sessions.updateByHash(sessionHash, refreshed);
      return Optional.of(refreshed);
    } catch (LaunchException e) {
      LOG.warn("token refresh failed for tenant {}: {}", session.tenantId(), e.getMessage());
      return Optional.empty();
    }
  }

  private AppSession.Tokens tokensFrom(Tokens issued, AppSession.Tokens previous) {
    long lifetime = issued.getAccessToken().getLifetime() > 0 ? issued.getAccessToken().getLifetime() : 3600;
    Optional<String> refreshToken = Optional.ofNullable(issued.getRefreshToken()).map(RefreshToken::getValue)
        .or(previous::refreshToken);
    Instant expires = clock.instant().plusSeconds(lifetime);
    return new AppSession.Tokens(issued.getAccessToken().getValue(), refreshToken, expires);
  }
}
