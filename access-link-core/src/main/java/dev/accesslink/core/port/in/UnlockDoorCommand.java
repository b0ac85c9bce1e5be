package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.DoorId;
import java.util.Objects;

/**
 * A link holder asks to open a door.
 *
 * @param presentedSecret the secret from the link, as presented; never shown by {@link #toString()}
 * @param door the door
 */
public record UnlockDoorCommand(String presentedSecret, DoorId door) {
  public UnlockDoorCommand {
    Objects.requireNonNull(presentedSecret, "presentedSecret");
    Objects.requireNonNull(door, "door");
  }

  @Override
  public String toString() {
    return "UnlockDoorCommand[presentedSecret=redacted, door=" + door + "]";
  }
}
