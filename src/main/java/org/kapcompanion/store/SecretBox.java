package org.kapcompanion.store;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.util.Base64URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts what the app stores at rest (tokens, clinical content) as compact JWE ({@code dir} + A256GCM)
 * with the configured store key.
 */
public final class SecretBox {

  private static final JWEHeader HEADER = new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM);
  /** The header as {@link #seal} writes it, accepted without parsing it again. */
  private static final String SEALED_HEADER = HEADER.toBase64URL().toString();
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final DirectEncrypter encrypter;

  public SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
    try {
      this.encrypter = new DirectEncrypter(this.key);
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

  /**
   * Decrypts what {@link #seal} produced (RFC 7516 §5.2); fails if it was tampered with, sealed with another key or is
   * anything but {@code dir} + A256GCM without compression. The JDK decodes the parts: Nimbus's constant-time Base64
   * decoder took a third of the CPU of reading a stored entry, and the ciphertext is no secret.
   */
  public String open(String sealed) {
    try {
      String[] parts = sealed.split("\\.", -1);
      if (parts.length != 5 || !parts[1].isEmpty() || !expected(parts[0])) {
        throw new GeneralSecurityException("not a compact JWE of dir + A256GCM");
      }
      Base64.Decoder base64 = Base64.getUrlDecoder();
      byte[] iv = base64.decode(parts[2]);
      byte[] cipherText = base64.decode(parts[3]);
      byte[] tag = base64.decode(parts[4]);
      if (iv.length != IV_BYTES || tag.length != TAG_BITS / 8) {
        throw new GeneralSecurityException("unexpected IV or tag length");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(parts[0].getBytes(StandardCharsets.US_ASCII));
      byte[] plain = cipher.doFinal(ByteBuffer.allocate(cipherText.length + tag.length).put(cipherText).put(tag)
          .array());
      return new String(plain, StandardCharsets.UTF_8);
    } catch (ParseException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("stored data cannot be decrypted with the configured key", e);
    }
  }

  /** Whether the header is {@code dir} + A256GCM without compression or critical parameters. */
  private static boolean expected(String encodedHeader) throws ParseException {
    if (SEALED_HEADER.equals(encodedHeader)) {
      return true;
    }
    JWEHeader header = JWEHeader.parse(new Base64URL(encodedHeader));
    return JWEAlgorithm.DIR.equals(header.getAlgorithm())
        && EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
        && header.getCompressionAlgorithm() == null && header.getCriticalParams() == null;
  }
}
