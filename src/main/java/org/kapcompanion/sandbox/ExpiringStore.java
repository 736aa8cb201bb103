package org.kapcompanion.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory values under unguessable random keys that vanish after a time to live: launch contexts, pending
 * authorizations, authorization codes and refresh tokens.
 */
final class ExpiringStore<V> {

  private static final SecureRandom RANDOM = new SecureRandom();

  private record Entry<V>(V value, Instant expires) {}

  private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Duration timeToLive;
  private final Clock clock;

  ExpiringStore(Duration timeToLive, Clock clock) {
    this.timeToLive = timeToLive;
    this.clock = clock;
  }

  /** Stores the value under a new random key and returns the key. */
  String put(V value) {
    Instant now = clock.instant();
    entries.values().removeIf(e -> e.expires().isBefore(now));
    String key = randomKey();
    entries.put(key, new Entry<>(value, now.plus(timeToLive)));
    return key;
  }

  /** Replaces the value under an existing key, keeping its expiry. */
  void replace(String key, V value) {
    entries.computeIfPresent(key, (k, e) -> new Entry<>(value, e.expires()));
  }

  Optional<V> get(String key) {
    return key == null ? Optional.empty() : live(entries.get(key));
  }

  /** Removes and returns the value: a key taken once cannot be used again. */
  Optional<V> take(String key) {
    return key == null ? Optional.empty() : live(entries.remove(key));
  }

  private Optional<V> live(Entry<V> entry) {
    return entry == null || entry.expires().isBefore(clock.instant())
        ? Optional.empty()
        : Optional.of(entry.value());
  }

  static String randomKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
