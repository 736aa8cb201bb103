package org.kapcompanion.store;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.text.ParseException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts what the app stores at rest (tokens, clinical content) as compact JWE ({@code dir} + A256GCM)
 * with the configured store key.
 */
public final class SecretBox {

  private static final JWEHeader HEADER = new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM);

  private final DirectEncrypter encrypter;
  private final DirectDecrypter decrypter;

  public SecretBox(byte[] key) {
    SecretKey secretKey = new SecretKeySpec(key, "AES");
    try {
      this.encrypter = new DirectEncrypter(secretKey);
      this.decrypter = new DirectDecrypter(secretKey);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the store encryption key must be 32 bytes", e);
    }
  }

  public String seal(String plaintext) {
    JWEObject jwe = new JWEObject(HEADER, new Payload(plaintext));
    try {
      jwe.encrypt(encrypter);
    } catch (JOSEException e) {
      throw new IllegalStateException("encryption failed", e);
    }
    return jwe.serialize();
  }

  /** Decrypts what {@link #seal} produced; fails if it was tampered with or sealed with another key. */
  public String open(String sealed) {
    try {
      JWEObject jwe = JWEObject.parse(sealed);
      jwe.decrypt(decrypter);
      return jwe.getPayload().toString();
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("stored data cannot be decrypted with the configured key", e);
    }
  }
}
