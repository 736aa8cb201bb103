package org.kapcompanion.config;

import java.time.Duration;

/**
 * Where the app keeps launch sessions and the write outbox, and the key that encrypts them at rest.
 *
 * @param jdbcUrl an H2 or PostgreSQL JDBC URL
 * @param username database user, may be empty
 * @param password database password, may be empty
 * @param encryptionKey 32 bytes (AES-256) that encrypt tokens and clinical content at rest
 * @param deliveryStalledAfter how long outbox delivery may make no progress while entries are due before the node
 *     reports itself not ready
 */
public record StoreConfig(String jdbcUrl, String username, String password, byte[] encryptionKey,
    Duration deliveryStalledAfter) {

  /** The default of {@code store.deliveryStalledMinutes}. */
  public static final Duration DELIVERY_STALLED_AFTER = Duration.ofMinutes(5);

  /** A store with the default delivery stall time. */
  public StoreConfig(String jdbcUrl, String username, String password, byte[] encryptionKey) {
    this(jdbcUrl, username, password, encryptionKey, DELIVERY_STALLED_AFTER);
  }

  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  @Override
  public String toString() {
    return "StoreConfig[jdbcUrl=" + jdbcUrl + ", username=" + username + "]";
  }
}
