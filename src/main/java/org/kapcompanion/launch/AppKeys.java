package org.kapcompanion.launch;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kapcompanion.config.KeyFile;

/**
 * The app's {@code private_key_jwt} signing keys (SMART App Launch 2.x §5 "Asymmetric client authentication"): an RSA
 * key for RS384 and an EC P-384 key for ES384, newest last, at most two of each so a rotation keeps the previous key
 * published until EHRs have fetched the new one.
 */
public final class AppKeys {

  static final int KEYS_PER_TYPE = 2;

  private final JWKSet keys;

  AppKeys(JWKSet keys) {
    this.keys = keys;
  }

  /** The keys in {@code file}, or no keys when it does not exist. */
  public static AppKeys load(Path file) {
    if (!Files.isRegularFile(file)) {
      return new AppKeys(new JWKSet());
    }
    try {
      return new AppKeys(JWKSet.load(file.toFile()));
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("the key file " + file + " is not a JSON Web Key Set", e);
    }
  }

  /**
   * Adds a fresh RSA and a fresh EC key, drops the oldest beyond two of each type, and saves the file readable by
   * its owner only ({@link KeyFile#write}). Returns the new key ids.
   */
  public static List<String> rotate(Path file, Clock clock) throws IOException {
    List<JWK> current = new ArrayList<>(load(file).keys.getKeys());
    String stamp = clock.instant().toString().replace(":", "").replace(".", "");
    try {
      current.add(new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS384)
          .keyID("rsa-" + stamp).generate());
      current.add(new ECKeyGenerator(Curve.P_384).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES384)
          .keyID("ec-" + stamp).generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("key generation failed", e);
    }
    List<JWK> kept = new ArrayList<>(newest(current, RSAKey.class));
    kept.addAll(newest(current, ECKey.class));
    KeyFile.write(file, new JWKSet(kept).toString(false));
    return List.of("rsa-" + stamp, "ec-" + stamp);
  }

  private static List<JWK> newest(List<JWK> keys, Class<? extends JWK> type) {
    List<JWK> ofType = keys.stream().filter(type::isInstance).toList();
    return ofType.subList(Math.max(0, ofType.size() - KEYS_PER_TYPE), ofType.size());
  }

  /** The newest key that signs with {@code algorithm} (RS384 or ES384). */
  Optional<JWK> signingKey(JWSAlgorithm algorithm) {
    Class<? extends JWK> type = JWSAlgorithm.Family.EC.contains(algorithm) ? ECKey.class : RSAKey.class;
    List<JWK> candidates = keys.getKeys().stream().filter(type::isInstance).toList();
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(candidates.size() - 1));
  }

  /** The public keys, as served at the app's JWKS URL. */
  public String publicJwks() {
    return keys.toPublicJWKSet().toString(true);
  }
}
