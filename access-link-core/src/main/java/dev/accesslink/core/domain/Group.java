package dev.accesslink.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * A group of an organization. A link adds its recipient to exactly one group; the group's doors
 * are the doors the link opens.
 *
 * @param organization the owning organization
 * @param id the group's id, unique within the organization
 * @param name display name, such as "Visitors"
 * @param doors the doors of the group, in display order; copied
 */
public record Group(OrganizationId organization, GroupId id, String name, List<Door> doors) {
  public Group {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(id, "id");
    name = Door.displayName("group", name);
    doors = List.copyOf(doors);
  }

  /** True when {@code door} is one of this group's doors. */
  public boolean hasDoor(DoorId door) {
    return door(door).isPresent();
  }

  /** The group's door with that id, if it is one of its doors. */
  public java.util.Optional<Door> door(DoorId door) {
    for (Door d : doors) {
      if (d.id().equals(door)) {
        return java.util.Optional.of(d);
      }
    }
    return java.util.Optional.empty();
  }
}
