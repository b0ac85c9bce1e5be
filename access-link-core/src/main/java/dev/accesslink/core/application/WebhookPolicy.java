package dev.accesslink.core.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhook endpoints are accepted and their deliveries retried.
 *
 * @param plainHttpToLoopback accept {@code http://} endpoints whose host is a loopback address
 *     ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}), for development and demos;
 *     otherwise only {@code https://}; also accepts loopback hosts over {@code https://}
 * @param privateAddresses accept endpoints whose host is a literal private, loopback, link-local
 *     or reserved address (see {@link dev.accesslink.core.port.out.WebhookTargets}), for receivers
 *     on the application's own network; otherwise such an endpoint is refused as {@code
 *     webhook.url.private_address}. Host names are not resolved here: the sender judges what they
 *     resolve to before each call
 * @param retryFor how long a failing delivery is retried, from the event; the first failure after
 *     it gives up and disables the endpoint
 * @param initialBackoff wait after the first failure; doubles per attempt, with jitter (each wait
 *     is drawn between half and all of it)
 * @param maxBackoff the longest wait between attempts
 * @param lease how long a claim on a delivery holds; longer than the sender's timeouts
 * @param batchSize deliveries claimed (and events announced) per pass
 * @param expiryDelay how long after a link's window ends its {@code LINK_EXPIRED} event is
 *     recorded at the earliest (covers links still being written when their window ended)
 * @param rotationOverlap how long the previous secret stays valid after a rotation
 */
public record WebhookPolicy(
    boolean plainHttpToLoopback, boolean privateAddresses, Duration retryFor, Duration initialBackoff,
    Duration maxBackoff, Duration lease, int batchSize, Duration expiryDelay, Duration rotationOverlap) {

  public WebhookPolicy {
    Objects.requireNonNull(retryFor, "retryFor");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(expiryDelay, "expiryDelay");
    Objects.requireNonNull(rotationOverlap, "rotationOverlap");
    if (retryFor.isNegative() || initialBackoff.isNegative() || initialBackoff.isZero()
        || maxBackoff.compareTo(initialBackoff) < 0 || lease.isNegative() || lease.isZero() || batchSize < 1
        || expiryDelay.isNegative() || rotationOverlap.isNegative()) {
      throw new IllegalArgumentException("invalid webhook policy");
    }
  }

  /**
   * {@code https} only, to public addresses; retried for 24 hours with backoff from 5 s doubling
   * up to 1 h; lease 1 min; 50 per pass; expiries recorded 1 min after the window ends; the old
   * secret valid for 24 hours after a rotation.
   */
  public static WebhookPolicy defaults() {
    return new WebhookPolicy(false, false, Duration.ofHours(24), Duration.ofSeconds(5), Duration.ofHours(1),
        Duration.ofMinutes(1), 50, Duration.ofMinutes(1), Duration.ofHours(24));
  }

  /** This policy, accepting plain {@code http://} to loopback addresses or not. */
  public WebhookPolicy withPlainHttpToLoopback(boolean allowed) {
    return new WebhookPolicy(allowed, privateAddresses, retryFor, initialBackoff, maxBackoff, lease, batchSize,
        expiryDelay, rotationOverlap);
  }

  /** This policy, accepting endpoints at literal private (and other non-public) addresses or not. */
  public WebhookPolicy withPrivateAddresses(boolean allowed) {
    return new WebhookPolicy(plainHttpToLoopback, allowed, retryFor, initialBackoff, maxBackoff, lease, batchSize,
        expiryDelay, rotationOverlap);
  }

  /** The longest wait after failed attempt number {@code attempt} (1-based), before jitter. */
  public Duration backoffAfter(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 30);
    Duration d = initialBackoff.multipliedBy(1L << doublings);
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
