package org.kapcompanion.store;

import java.util.UUID;
import org.kapcompanion.config.StoreConfig;

/** Fresh, migrated in-memory databases for tests. */
public final class TestStores {

  public static final byte[] KEY = new byte[32];

  private TestStores() {}

  public static Database inMemory() {
    return Database.open(new StoreConfig("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", KEY));
  }
}
