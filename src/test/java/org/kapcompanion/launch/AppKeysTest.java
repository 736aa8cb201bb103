package org.kapcompanion.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppKeysTest {

  @TempDir
  Path dir;

  @Test
  void rotationKeepsThePreviousKeyPublishedAndSignsWithTheNewest() throws Exception {
    Path file = dir.resolve("keys.jwks");
    List<String> first = AppKeys.rotate(file, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    List<String> second = AppKeys.rotate(file, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
    AppKeys.rotate(file, Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC));

    AppKeys keys = AppKeys.load(file);
    JWKSet published = JWKSet.parse(keys.publicJwks());
    assertThat(published.getKeys()).hasSize(2 * AppKeys.KEYS_PER_TYPE);
    assertThat(published.getKeys()).noneMatch(k -> k.isPrivate());
    assertThat(published.getKeys()).extracting(k -> k.getKeyID()).doesNotContainAnyElementsOf(first)
        .containsAll(second);
    assertThat(keys.signingKey(JWSAlgorithm.RS384)).hasValueSatisfying(k -> assertThat(k.getKeyID()).startsWith("rsa-2026-11-01"));
    assertThat(keys.signingKey(JWSAlgorithm.ES384)).hasValueSatisfying(k -> assertThat(k.getKeyID()).startsWith("ec-2026-11-01"));
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void missingKeyFileMeansNoKeys() {
    AppKeys keys = AppKeys.load(dir.resolve("none.jwks"));
    assertThat(keys.signingKey(JWSAlgorithm.RS384)).isEmpty();
    assertThat(keys.publicJwks()).contains("\"keys\"");
  }
}
