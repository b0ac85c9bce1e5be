package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.DoorId;
import java.util.Objects;

/**
 * A link holder asks to open a door.
 *
 * @param presentedSecret what the holder presented: the link's secret, or the whole link URL (see
 *     {@link dev.accesslink.core.domain.LinkSecret#parsePresented}); malformed text is denied as
 *     {@link dev.accesslink.core.domain.DenialReason#UNKNOWN_LINK}. Never shown by {@link
 *     #toString()}
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
