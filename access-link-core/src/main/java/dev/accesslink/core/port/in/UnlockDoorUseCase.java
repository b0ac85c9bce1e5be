package dev.accesslink.core.port.in;

/** A link holder opens one of the link's doors. */
@FunctionalInterface
public interface UnlockDoorUseCase {

  /**
   * Checks the link (known, not revoked, inside its window, door in its group), sends the unlock
   * command, and records the outcome as an audit event credited to the link's recipient.
   */
  UnlockOutcome unlock(UnlockDoorCommand command);
}
