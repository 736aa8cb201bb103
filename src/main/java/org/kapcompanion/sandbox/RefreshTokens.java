package org.kapcompanion.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The refresh tokens the sandbox issued, each standing for a grant: long-lived ones for {@code offline_access},
 * shorter ones for {@code online_access}. A token is used once and replaced by one of the same kind (rotation).
 */
final class RefreshTokens {

  private final ExpiringStore<Grant> offline;
  private final ExpiringStore<Grant> online;

  RefreshTokens(Duration offlineLifetime, Duration onlineLifetime, Clock clock) {
    this.offline = new ExpiringStore<>(offlineLifetime, clock);
    this.online = new ExpiringStore<>(onlineLifetime, clock);
  }

  /** A live refresh token, the grant it stands for, and the store of its kind. */
  record Held(String token, Grant grant, ExpiringStore<Grant> kind) {

    /** Uses the token up and returns the one of the same kind that replaces it, for the same grant. */
    String rotate() {
      kind.take(token);
      return kind.put(grant);
    }
  }

  /** The refresh token of a new grant: offline for {@code offline_access}, else online, else none ({@code null}). */
  String issue(Grant grant) {
    if (grant.has("offline_access")) {
      return offline.put(grant);
    }
    return grant.has("online_access") ? online.put(grant) : null;
  }

  /** The live {@code token}, when it was issued to {@code clientId}. */
  Optional<Held> held(String token, String clientId) {
    for (ExpiringStore<Grant> kind : List.of(offline, online)) {
      Optional<Grant> grant = kind.get(token).filter(g -> g.clientId().equals(clientId));
      if (grant.isPresent()) {
        return Optional.of(new Held(token, grant.get(), kind));
      }
    }
    return Optional.empty();
  }

  /** Revokes {@code token} when it was issued to {@code clientId}; any other token stays as it is. */
  void revoke(String token, String clientId) {
    held(token, clientId).ifPresent(held -> held.kind().take(token));
  }

  /** The grant of the live {@code token}, whichever client holds it. */
  Optional<Grant> grant(String token) {
    return offline.get(token).or(() -> online.get(token));
  }
}
