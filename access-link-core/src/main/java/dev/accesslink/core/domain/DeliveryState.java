package dev.accesslink.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A summary of a link's delivery, as stored with the link.
 *
 * @param status where the delivery stands
 * @param attempts how many attempts were started
 * @param lastAttemptAt when the last attempt finished, if any
 * @param lastError a short, secret-free reason for the last failure (a provider error code), if any
 */
public record DeliveryState(
    DeliveryStatus status, int attempts, @Nullable Instant lastAttemptAt, @Nullable String lastError) {

  public DeliveryState {
    Objects.requireNonNull(status, "status");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts >= 0");
    }
  }

  /** The state of a MANUAL link. */
  public static DeliveryState notRequired() {
    return new DeliveryState(DeliveryStatus.NOT_REQUIRED, 0, null, null);
  }

  /** The state of a new EMAIL or SMS link before its first attempt. */
  public static DeliveryState pending() {
    return new DeliveryState(DeliveryStatus.PENDING, 0, null, null);
  }

  /** The last failure reason, if any. */
  public Optional<String> lastErrorIfAny() {
    return Optional.ofNullable(lastError);
  }
}
