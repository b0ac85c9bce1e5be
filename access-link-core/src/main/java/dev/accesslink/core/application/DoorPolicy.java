package dev.accesslink.core.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How unlock commands are sent.
 *
 * @param timeout how long to wait for the lock's answer before the door counts as unreachable
 * @param commandLifetime how long after issue a lock may still act on a command
 */
public record DoorPolicy(Duration timeout, Duration commandLifetime) {
  public DoorPolicy {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(commandLifetime, "commandLifetime");
    if (timeout.isNegative() || timeout.isZero() || commandLifetime.compareTo(timeout) < 0) {
      throw new IllegalArgumentException("timeout > 0 and commandLifetime >= timeout");
    }
  }

  /** Wait 5 s for the answer; locks act on a command for at most 10 s. */
  public static DoorPolicy defaults() {
    return new DoorPolicy(Duration.ofSeconds(5), Duration.ofSeconds(10));
  }
}
