package dev.accesslink.core.domain;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * A webhook endpoint's signing secret: 32 random bytes, written in the Standard Webhooks form
 * {@code whsec_} + base64. Shown once, when created or rotated; stored only sealed. {@link
 * #toString()} does not reveal it. Immutable.
 */
public final class WebhookSecret {
  /** The prefix of the text form. */
  public static final String PREFIX = "whsec_";

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key.clone();
  }

  /** A new secret of 32 bytes from {@code random} (use a {@link java.security.SecureRandom}). */
  public static WebhookSecret generate(RandomGenerator random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return new WebhookSecret(key);
  }

  /** The secret made of these bytes (at least 16). */
  public static WebhookSecret ofBytes(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("a webhook secret has at least 16 bytes");
    }
    return new WebhookSecret(key);
  }

  /**
   * Parses the text form {@code whsec_<base64>} (the prefix is optional, as Standard Webhooks
   * libraries accept).
   *
   * @throws IllegalArgumentException if it is not base64 of at least 16 bytes
   */
  public static WebhookSecret parse(String text) {
    String b64 = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
    try {
      return ofBytes(Base64.getDecoder().decode(b64));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a webhook secret (whsec_ + base64)");
    }
  }

  /** The key bytes (a copy), for the HMAC. */
  public byte[] keyBytes() {
    return key.clone();
  }

  /** The text form, {@code whsec_} + base64: to show once to the administrator. */
  public String reveal() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookSecret other && MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "WebhookSecret[redacted]";
  }
}
