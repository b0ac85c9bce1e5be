package dev.accesslink.core.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How deliveries are attempted and retried.
 *
 * @param lease how long a claim on a delivery holds; longer than the slowest provider call
 * @param maxAttempts attempts before a transient failure counts as permanent
 * @param initialBackoff wait before the second attempt; doubles per attempt
 * @param maxBackoff the longest wait between attempts
 * @param batchSize deliveries claimed per dispatcher pass
 */
public record DeliveryPolicy(
    Duration lease, int maxAttempts, Duration initialBackoff, Duration maxBackoff, int batchSize) {

  public DeliveryPolicy {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (lease.isNegative() || lease.isZero() || maxAttempts < 1 || batchSize < 1
        || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("invalid delivery policy: " + lease + ", " + maxAttempts
          + ", " + initialBackoff + ", " + maxBackoff + ", " + batchSize);
    }
  }

  /** Lease 2 min, 8 attempts, backoff from 30 s doubling up to 1 h, 50 per pass. */
  public static DeliveryPolicy defaults() {
    return new DeliveryPolicy(Duration.ofMinutes(2), 8, Duration.ofSeconds(30), Duration.ofHours(1), 50);
  }

  /** The wait after failed attempt number {@code attempt} (1-based): exponential, capped. */
  public Duration backoffAfter(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 30);
    Duration d = initialBackoff.multipliedBy(1L << doublings);
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
