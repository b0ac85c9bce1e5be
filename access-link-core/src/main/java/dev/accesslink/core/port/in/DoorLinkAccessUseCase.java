package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.Door;

/**
 * Close a door to access links (a server room, say), or open it again. A closed door refuses every
 * link ({@link dev.accesslink.core.domain.DenialReason#DOOR_EXCLUDED}) at once, whatever its
 * group; the decision is core's.
 */
public interface DoorLinkAccessUseCase {

  /**
   * Sets the door's link access; audited as {@code DOOR_LINK_ACCESS_CHANGED}.
   *
   * @return the door as it now is
   * @throws dev.accesslink.core.domain.UnknownOrganizationException for an unknown organization
   * @throws dev.accesslink.core.domain.UnknownDoorException ({@code door.unknown}) when no group of
   *     the organization has that door
   */
  Door setDoorLinkAccess(SetDoorLinkAccessCommand command);
}
