package org.kapcompanion.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

  @Test
  void sealedTextOpensWithTheSameKeyOnly() {
    byte[] key = new byte[32];
    key[0] = 1;
    String sealed = new SecretBox(key).seal("access-token-123");
    assertThat(sealed).doesNotContain("access-token-123");
    assertThat(new SecretBox(key).open(sealed)).isEqualTo("access-token-123");
    assertThatThrownBy(() -> new SecretBox(new byte[32]).open(sealed)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void tamperedTextIsRejected() {
    SecretBox box = new SecretBox(new byte[32]);
    String sealed = box.seal("x");
    String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
    assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(IllegalStateException.class);
  }
}
