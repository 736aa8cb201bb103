package org.kapcompanion.launch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The sessions this node decrypted last, each with the sealed payload it came from, so a request whose stored row
 * still holds that exact payload skips decrypting and parsing it again. Only what the store returns now is ever
 * answered: any change on any node (new tokens) seals a new payload, and an expired session's row is not returned.
 */
final class OpenedSessions {

  /** A session and the sealed payload it was opened from. */
  private record Opened(String sealed, AppSession session) {}

  private final Map<String, Opened> bySessionHash;

  /** @param capacity the most sessions kept; the least recently used go first */
  OpenedSessions(int capacity) {
    this.bySessionHash = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Opened> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The session sealed in {@code sealed}, opened by {@code open} unless this exact payload was opened before. */
  AppSession open(String sessionHash, String sealed, Function<String, AppSession> open) {
    Opened known;
    synchronized (bySessionHash) {
      known = bySessionHash.get(sessionHash);
    }
    if (known != null && known.sealed().equals(sealed)) {
      return known.session();
    }
    AppSession session = open.apply(sealed);
    synchronized (bySessionHash) {
      bySessionHash.put(sessionHash, new Opened(sealed, session));
    }
    return session;
  }
}
