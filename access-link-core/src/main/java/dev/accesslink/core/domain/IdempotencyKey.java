package dev.accesslink.core.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * The key a caller puts on a send so that retrying it is safe: the same key with the same request
 * returns the link the first call stored and spends nothing; with a different request it is
 * refused ({@link IdempotencyKeyReusedException}). Keys are per organization and kept for at least
 * {@link #RETENTION} after the send that stored them; after that the same key is a new request.
 *
 * <p>1 to {@link #MAX_LENGTH} printable ASCII characters (space to tilde), not starting or ending
 * with a space, so that an HTTP header ({@code Idempotency-Key}) carries it exactly. Compared
 * exactly (case-sensitive). Codes: {@code idempotency.key.blank}, {@code idempotency.key.too_long},
 * {@code idempotency.key.invalid_characters}.
 *
 * @param value the key as given
 */
public record IdempotencyKey(String value) {
  /** Longest accepted key, in characters. */
  public static final int MAX_LENGTH = 100;

  /** How long a key is kept at least, counted from the send that stored it: 24 hours. */
  public static final Duration RETENTION = Duration.ofHours(24);

  public IdempotencyKey {
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException(
          "idempotency.key.blank", "idempotencyKey", "An idempotency key has 1 to " + MAX_LENGTH + " characters.");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidInputException(
          "idempotency.key.too_long", "idempotencyKey", "An idempotency key has at most " + MAX_LENGTH + " characters.");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new InvalidInputException("idempotency.key.invalid_characters", "idempotencyKey",
            "An idempotency key is printable ASCII (letters, digits, punctuation, spaces inside).");
      }
    }
    if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
      throw new InvalidInputException("idempotency.key.invalid_characters", "idempotencyKey",
          "An idempotency key cannot start or end with a space.");
    }
  }

  /** The key {@code value}, checked as described above. */
  public static IdempotencyKey of(String value) {
    return new IdempotencyKey(Objects.requireNonNull(value, "value"));
  }
}
