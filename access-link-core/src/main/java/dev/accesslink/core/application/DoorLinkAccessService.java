package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.UnknownDoorException;
import dev.accesslink.core.port.in.DoorLinkAccessUseCase;
import dev.accesslink.core.port.in.SetDoorLinkAccessCommand;
import dev.accesslink.core.port.out.GroupDirectory;
import java.time.Clock;

/** Opens doors to access links and closes them. Thread-safe. */
final class DoorLinkAccessService implements DoorLinkAccessUseCase {
  private final OrganizationLookup organizations;
  private final GroupDirectory groups;
  private final Audit audit;
  private final Clock clock;

  DoorLinkAccessService(OrganizationLookup organizations, GroupDirectory groups, Audit audit, Clock clock) {
    this.organizations = organizations;
    this.groups = groups;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public Door setDoorLinkAccess(SetDoorLinkAccessCommand command) {
    OrganizationSettings org = organizations.require(command.organization());
    Door door = groups.setLinkAccess(org.id(), command.door(), command.allowed())
        .orElseThrow(() -> new UnknownDoorException(org.id(), command.door()));
    audit.record(org.id(), clock.instant(), AccessEventType.DOOR_LINK_ACCESS_CHANGED,
        Actor.administrator(command.changedBy()), null, door.id(), command.allowed() ? "allowed" : "excluded");
    return door;
  }
}
