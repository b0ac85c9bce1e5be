package dev.accesslink.core.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How unlock commands are sent, and how many may wait for a lock's answer at once.
 *
 * <p>A command never outlives the wait for its answer: it is valid from its issue until {@link
 * #commandExpiry(Instant) issue + timeout − clockSkewAllowance}, so a lock whose clock lags the
 * application's by up to the allowance still never acts after the visitor was told the door did not
 * answer. A lock whose clock is off by more than the allowance refuses the command (its validity
 * starts in the lock's future, or has ended by the lock's clock) instead of acting late. Keep lock
 * clocks within the allowance (NTP). An answer that still arrives after the wait (held up on the
 * way back) is recorded as a late {@code DOOR_UNLOCKED} with its delay, when the {@link
 * dev.accesslink.core.port.out.DoorController} reports it.
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
 * @param clockSkewAllowance how far a lock's clock may be off the application's: the command
 *     expires this long before the wait ends; at most half the timeout
 * @param maxWaitsPerDoor how many unlocks may wait for the same door's answer at once (at least 1)
 * @param maxWaitsTotal how many unlocks may wait for any door's answer at once (at least 1)
 */
public record DoorPolicy(Duration timeout, Duration clockSkewAllowance, int maxWaitsPerDoor, int maxWaitsTotal) {
  /** The default {@link #clockSkewAllowance()}: one second. */
  public static final Duration DEFAULT_CLOCK_SKEW_ALLOWANCE = Duration.ofSeconds(1);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException unless {@code timeout > 0}, {@code 0 <= clockSkewAllowance <=
   *     timeout / 2} and both limits are at least 1
   */
  public DoorPolicy {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(clockSkewAllowance, "clockSkewAllowance");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (clockSkewAllowance.isNegative() || clockSkewAllowance.compareTo(timeout.dividedBy(2)) > 0) {
      throw new IllegalArgumentException("clockSkewAllowance is between 0 and half the timeout");
    }
    if (maxWaitsPerDoor < 1 || maxWaitsTotal < 1) {
      throw new IllegalArgumentException("maxWaitsPerDoor and maxWaitsTotal are at least 1");
    }
  }

  /**
   * A policy without a bulkhead (no bound on concurrent waits).
   *
   * @param timeout how long to wait for the lock's answer
   * @param clockSkewAllowance how far a lock's clock may be off; at most half the timeout
   */
  public DoorPolicy(Duration timeout, Duration clockSkewAllowance) {
    this(timeout, clockSkewAllowance, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * A policy waiting {@code timeout} for the answer, with the {@linkplain
   * #DEFAULT_CLOCK_SKEW_ALLOWANCE default allowance} (or half the timeout, if that is less), and no
   * bulkhead.
   */
  public static DoorPolicy waitingFor(Duration timeout) {
    Duration half = Objects.requireNonNull(timeout, "timeout").dividedBy(2);
    return new DoorPolicy(timeout, half.compareTo(DEFAULT_CLOCK_SKEW_ALLOWANCE) < 0 ? half : DEFAULT_CLOCK_SKEW_ALLOWANCE);
  }

  /** Wait 5 s for the answer; commands expire 4 s after issue (1 s clock-skew allowance); no bulkhead. */
  public static DoorPolicy defaults() {
    return waitingFor(Duration.ofSeconds(5));
  }

  /**
   * This policy with a bulkhead: at most {@code perDoor} unlocks wait for one door's answer and at
   * most {@code total} for all doors together; the next one is refused at once as busy.
   */
  public DoorPolicy withBulkhead(int perDoor, int total) {
    return new DoorPolicy(timeout, clockSkewAllowance, perDoor, total);
  }

  /** True when concurrent waits are bounded. */
  public boolean bounded() {
    return maxWaitsPerDoor != Integer.MAX_VALUE || maxWaitsTotal != Integer.MAX_VALUE;
  }

  /**
   * When a command issued at {@code issuedAt} expires: {@code issuedAt + timeout −
   * clockSkewAllowance}, never later than the moment its caller stops waiting.
   */
  public Instant commandExpiry(Instant issuedAt) {
    // after issuedAt: the allowance is at most half the timeout, which is positive
    return issuedAt.plus(timeout).minus(clockSkewAllowance);
  }
}
