package org.kapcompanion.config;

/**
 * Where the app keeps launch sessions and the write outbox, and the key that encrypts them at rest.
 *
 * @param jdbcUrl an H2 or PostgreSQL JDBC URL
 * @param username database user, may be empty
 * @param password database password, may be empty
 * @param encryptionKey 32 bytes (AES-256) that encrypt tokens and clinical content at rest
 */
public record StoreConfig(String jdbcUrl, String username, String password, byte[] encryptionKey) {

  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  @Override
  public String toString() {
    return "StoreConfig[jdbcUrl=" + jdbcUrl + ", username=" + username + "]";
  }
}
