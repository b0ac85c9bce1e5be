package dev.accesslink.core.memory;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A door controller that records every command and answers per door: unlocked by default, or
 * whatever {@link #answer} sets (refused, unreachable). Answers at once. Thread-safe.
 */
public final class RecordingDoorController implements DoorController {
  private final Map<DoorId, DoorResponse> answers = new ConcurrentHashMap<>();
  private final List<DoorCommand> commands = new ArrayList<>();

  /** Every door opens. */
  public RecordingDoorController() {}

  /** From now on {@code door} answers {@code response}. Returns this, for chaining. */
  public RecordingDoorController answer(DoorId door, DoorResponse response) {
    answers.put(door, response);
    return this;
  }

  @Override
  public DoorResponse unlock(DoorCommand command) {
    synchronized (commands) {
      commands.add(command);
    }
    return answers.getOrDefault(command.door(), new DoorResponse.Unlocked());
  }

  /** Every command received, oldest first. */
  public List<DoorCommand> commands() {
    synchronized (commands) {
      return List.copyOf(commands);
    }
  }
}
