package dev.accesslink.webhook;

import dev.accesslink.core.domain.WebhookSecret;
import dev.accesslink.core.port.out.SecretSealer;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals webhook secrets with AES-256-GCM under a key kept outside the database (a secret manager,
 * an environment variable): the sealed text is {@code v1.} + base64(12-byte random nonce +
 * ciphertext + 16-byte tag). A store without the key holds nothing usable. Keep the key: without
 * it the stored secrets cannot be opened (rotate the endpoints' secrets after changing it).
 * Thread-safe.
 */
public final class AesGcmSecretSealer implements SecretSealer {
  private static final String PREFIX = "v1.";
  private static final int NONCE = 12;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private AesGcmSecretSealer(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the sealing key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /**
   * With a 32-byte key.
   *
   * @throws IllegalArgumentException if it is not 32 bytes
   */
  public static AesGcmSecretSealer of(byte[] key) {
    return new AesGcmSecretSealer(key);
  }

  /**
   * With a 32-byte key given in base64 (e.g. {@code openssl rand -base64 32}).
   *
   * @throws IllegalArgumentException if it is not base64 of 32 bytes (the message does not quote it)
   */
  public static AesGcmSecretSealer ofBase64(String key) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the sealing key is not base64");
    }
    return new AesGcmSecretSealer(bytes);
  }

  @Override
  public String seal(WebhookSecret secret) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = c.doFinal(secret.keyBytes());
      return PREFIX + Base64.getEncoder().encodeToString(
          ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not seal a webhook secret: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public WebhookSecret open(String sealed) {
    if (!sealed.startsWith(PREFIX)) {
      throw new IllegalStateException("not a sealed webhook secret");
    }
    try {
      byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE));
      return WebhookSecret.ofBytes(c.doFinal(all, NONCE, all.length - NONCE));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("could not open a sealed webhook secret (was it sealed with another key?)");
    }
  }

  @Override
  public String toString() {
    return "AesGcmSecretSealer[key redacted]";
  }
}
