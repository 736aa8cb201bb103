package org.kapcompanion.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped clinical protocol and recovery instructions, copied into a test's own directory for a loader. */
final class ShippedProtocol {

  private ShippedProtocol() {}

  /** Copies {@code config/clinical-protocol.json} and {@code config/recovery-instructions.md} under {@code dir}. */
  static void copyInto(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("config"));
    Files.copy(Path.of("config/clinical-protocol.json"), dir.resolve("config/clinical-protocol.json"));
    Files.copy(Path.of("config/recovery-instructions.md"), dir.resolve("config/recovery-instructions.md"));
  }
}
