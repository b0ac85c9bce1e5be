package dev.accesslink.core.port.out;

/**
 * Opens doors. Thread-safe; many unlocks may be in flight at once, each getting its own answer.
 *
 * <p>The testkit's {@code DoorControllerContract} checks what every implementation owes.
 */
@FunctionalInterface
public interface DoorController {

  /**
   * Sends {@code command} to its door and waits at most {@code command.timeout()} for the answer.
   * Never throws for a silent or offline lock: that is {@link DoorResponse.Unreachable}.
   */
  DoorResponse unlock(DoorCommand command);
}
