package org.kapcompanion.store;

import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;
import org.kapcompanion.config.StoreConfig;

/** Fresh, migrated databases for tests (in memory) and micro-measurements (an H2 file, as a node stores). */
public final class TestStores {

  public static final byte[] KEY = new byte[32];

  private TestStores() {}

  public static Database inMemory() {
    return Database.open(new StoreConfig("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", KEY));
  }

  /** A new H2 file store in a temporary folder named after {@code prefix}, with {@link #KEY}. */
  public static Database inTemporaryFile(String prefix) throws IOException {
    return Database.open(new StoreConfig("jdbc:h2:file:" + Files.createTempDirectory(prefix).resolve("store"), "",
        "", KEY));
  }
}
