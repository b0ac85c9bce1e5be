package dev.accesslink.core.port.out;

import java.util.function.Consumer;

/**
 * Opens doors. Thread-safe; many unlocks may be in flight at once, each getting its own answer.
 *
 * <p>A lock may act on a command in time and still have its answer held up on the way back (a
 * stalled broker, a congested network): the caller was told {@link DoorResponse.Unreachable}, but
 * the door opened. A controller that can still match such an answer to its command reports it
 * through {@link #unlock(DoorCommand, Consumer)}, so that the core records the opening (a late
 * {@code DOOR_UNLOCKED} with its delay) and the audit log tells the truth.
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

  /**
   * As {@link #unlock(DoorCommand)}; and if that returns {@link DoorResponse.Unreachable} because
   * the answer did not come in time, an answer to this command that arrives later is handed to
   * {@code lateAnswer}: at most once, on the controller's own thread (the listener must not block
   * and is expected not to throw), and never for a command whose answer this call returned. How
   * long a controller keeps listening is its own choice (at least until the lock can no longer act
   * on the command is best). The core calls this method; it is what the core's late-answer
   * bookkeeping relies on.
   *
   * <p>The default never reports a late answer: it calls {@link #unlock(DoorCommand)}.
   *
   * @param lateAnswer receives the lock's answer that arrived after the wait ended
   */
  default DoorResponse unlock(DoorCommand command, Consumer<DoorResponse> lateAnswer) {
    return unlock(command);
  }
}
