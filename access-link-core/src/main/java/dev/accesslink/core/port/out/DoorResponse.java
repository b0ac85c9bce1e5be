package dev.accesslink.core.port.out;

import java.util.Objects;

/** The answer of a {@link DoorController}. */
public sealed interface DoorResponse {

  /** The lock confirmed it unlocked (or opened). */
  record Unlocked() implements DoorResponse {}

  /**
   * The lock answered but did not open: jammed, refused, or the command had expired on arrival.
   *
   * @param reason the lock's short status, such as {@code "jammed"}
   */
  record Refused(String reason) implements DoorResponse {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * No answer within the timeout, or the lock is known to be offline.
   *
   * @param reason short description, such as {@code "timeout"} or {@code "offline"}
   */
  record Unreachable(String reason) implements DoorResponse {
    public Unreachable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
