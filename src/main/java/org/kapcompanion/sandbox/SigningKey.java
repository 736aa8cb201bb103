package org.kapcompanion.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

/** The sandbox's RSA signing key, kept in its data directory so tokens stay valid across restarts. */
final class SigningKey {

  static final String FILE = "signing-key.jwk.json";

  private SigningKey() {}

  static RSAKey loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        return RSAKey.parse(Files.readString(file));
      }
      RSAKey key =
          new RSAKeyGenerator(2048)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyIDFromThumbprint(true)
              .generate();
      Files.writeString(file, key.toJSONString());
      restrictToOwner(file);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("Unusable signing key in " + file + "; delete it to make a new one", e);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the data directory's own permissions apply.
    }
  }
}
