package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.WebhookSecret;

/**
 * Seals webhook signing secrets for storage and opens them to sign: a webhook secret must be
 * usable (an HMAC key cannot be hashed away), so the store keeps it encrypted under a key that
 * lives outside the database. The module {@code adapter-webhook} has one, {@code
 * AesGcmSecretSealer} (AES-256-GCM). Thread-safe.
 */
public interface SecretSealer {

  /** The sealed, storable text of {@code secret}. */
  String seal(WebhookSecret secret);

  /**
   * The secret sealed in {@code sealed}.
   *
   * @throws IllegalStateException if it was not sealed with this key (the message names no secret)
   */
  WebhookSecret open(String sealed);
}
