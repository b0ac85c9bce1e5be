package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import java.util.Objects;

/**
 * Open a door to access links or close it to them.
 *
 * @param organization the organization
 * @param changedBy the acting administrator
 * @param door the door
 * @param allowed true to let links open it, false to close it to every link
 */
public record SetDoorLinkAccessCommand(OrganizationId organization, AdminId changedBy, DoorId door, boolean allowed) {
  public SetDoorLinkAccessCommand {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(changedBy, "changedBy");
    Objects.requireNonNull(door, "door");
  }
}
