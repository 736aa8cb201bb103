package org.kapcompanion.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.util.Base64URL;
import javax.crypto.spec.SecretKeySpec;
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

  @Test
  void longTextWithCharactersBeyondAsciiComesBackExactly() {
    SecretBox box = new SecretBox(new byte[32]);
    String text = "SpO₂ 91 % — Übelkeit, 血圧 🙂\n".repeat(2_000);

    assertThat(box.open(box.seal(text))).isEqualTo(text);
  }

  @Test
  void jweOfAnotherEncryptionMethodIsRefused() throws Exception {
    JWEObject otherMethod = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A128GCM),
        new Payload("access-token-123"));
    otherMethod.encrypt(new DirectEncrypter(new SecretKeySpec(new byte[16], "AES")));

    assertThatThrownBy(() -> new SecretBox(new byte[32]).open(otherMethod.serialize()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSignedTokenOrNonBase64PartsAreRefused() {
    SecretBox box = new SecretBox(new byte[32]);
    String sealed = box.seal("x");

    assertThatThrownBy(() -> box.open("eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> box.open(sealed.substring(0, sealed.lastIndexOf('.')) + ".*not-base64*"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void headerRewrittenToTheSameMeaningIsRejectedAsTampered() {
    SecretBox box = new SecretBox(new byte[32]);
    String sealed = box.seal("x");
    String rewritten = Base64URL.encode("{\"enc\":\"A256GCM\", \"alg\":\"dir\"}") + sealed.substring(
        sealed.indexOf('.'));

    assertThatThrownBy(() -> box.open(rewritten)).isInstanceOf(IllegalStateException.class);
  }
}
