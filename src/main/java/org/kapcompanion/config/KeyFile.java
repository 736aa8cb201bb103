package org.kapcompanion.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A file holding a key (the store's encryption key, the signing keys): written so that only its owner can ever read
 * it, and refused at start when other users can. On file systems without POSIX permissions (e.g. Windows) neither
 * applies; there the operator secures the file.
 */
public final class KeyFile {

  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private KeyFile() {}

  /**
   * Writes {@code content} to {@code file} atomically: into a new file beside it that is created readable and writable
   * by its owner only (0600), then moved over {@code file}, so the key never exists with wider permissions.
   */
  public static void write(Path file, String content) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path written = ownerOnly(folder, file.getFileName().toString());
    try {
      Files.writeString(written, content, StandardCharsets.UTF_8);
      try {
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(written);
    }
  }

  private static Path ownerOnly(Path folder, String name) throws IOException {
    try {
      return Files.createTempFile(folder, "." + name, ".new",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile(folder, "." + name, ".new");
    }
  }

  /**
   * Why {@code file} must not be used as a key — other users can read or write it; empty when only its owner can, or
   * when the file system has no POSIX permissions. {@link #fix} says what to do.
   */
  static Optional<String> exposure(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return permissions.stream().noneMatch(OTHERS::contains) ? Optional.empty()
          : Optional.of("the key file " + file + " can be read by other users (" + PosixFilePermissions.toString(
              permissions) + "), and whoever reads it can decrypt what the app stores or sign as the app");
    } catch (UnsupportedOperationException | IOException e) {
      return Optional.empty();
    }
  }

  /** What makes {@code file} a key file again. */
  static String fix(Path file) {
    return "run `chmod 600 " + file + "` as the user the app runs as (and replace the key if others could read it)";
  }
}
