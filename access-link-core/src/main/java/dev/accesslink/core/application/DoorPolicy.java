package dev.accesslink.core.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How unlock commands are sent, and how many may wait for a lock's answer at once.
 *
 * <p>The two limits form a bulkhead: a lock that never answers holds each caller for up to {@code
 * timeout}, so without a bound a silent door (or a crowd pressing its button) would hold every
 * thread of a server. With the bulkhead, an unlock that would be waiter number {@code
 * maxWaitsPerDoor + 1} on one door, or number {@code maxWaitsTotal + 1} over all doors, is refused
 * at once as {@link dev.accesslink.core.port.in.UnlockOutcome.DoorBusy} (nothing is sent to the
 * lock), so a dead lock degrades only its own door. {@link #defaults()} sets no bound (both {@link
 * Integer#MAX_VALUE}); a server sets them with {@link #withBulkhead(int, int)}.
 *
 * @param timeout how long to wait for the lock's answer before the door counts as unreachable
 * @param commandLifetime how long after issue a lock may still act on a command
 * @param maxWaitsPerDoor how many unlocks may wait for the same door's answer at once (at least 1)
 * @param maxWaitsTotal how many unlocks may wait for any door's answer at once (at least 1)
 */
public record DoorPolicy(Duration timeout, Duration commandLifetime, int maxWaitsPerDoor, int maxWaitsTotal) {
  public DoorPolicy {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(commandLifetime, "commandLifetime");
    if (timeout.isNegative() || timeout.isZero() || commandLifetime.compareTo(timeout) < 0) {
      throw new IllegalArgumentException("timeout > 0 and commandLifetime >= timeout");
    }
    if (maxWaitsPerDoor < 1 || maxWaitsTotal < 1) {
      throw new IllegalArgumentException("maxWaitsPerDoor and maxWaitsTotal are at least 1");
    }
  }

  /** Timeouts without a bulkhead (no bound on concurrent waits). */
  public DoorPolicy(Duration timeout, Duration commandLifetime) {
    this(timeout, commandLifetime, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /** Wait 5 s for the answer; locks act on a command for at most 10 s; no bulkhead. */
  public static DoorPolicy defaults() {
    return new DoorPolicy(Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  /**
   * This policy with a bulkhead: at most {@code perDoor} unlocks wait for one door's answer and at
   * most {@code total} for all doors together; the next one is refused at once as busy.
   */
  public DoorPolicy withBulkhead(int perDoor, int total) {
    return new DoorPolicy(timeout, commandLifetime, perDoor, total);
  }

  /** True when concurrent waits are bounded. */
  public boolean bounded() {
    return maxWaitsPerDoor != Integer.MAX_VALUE || maxWaitsTotal != Integer.MAX_VALUE;
  }
}
