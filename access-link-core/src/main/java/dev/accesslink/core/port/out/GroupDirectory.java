package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import java.util.List;
import java.util.Optional;

/**
 * Read access to an organization's groups and their doors. Products with a directory of their own
 * implement this over it. Thread-safe.
 */
public interface GroupDirectory {

  /** The group with that id in that organization, with its doors. */
  Optional<Group> findGroup(OrganizationId organization, GroupId group);

  /** All groups of the organization, by name. */
  List<Group> groups(OrganizationId organization);

  /**
   * Opens the organization's door {@code door} to access links, or closes it to them ({@link
   * Door#linkAccess()}), in every group it belongs to; the groups read afterwards show the door so.
   * A door saved later under the same id keeps this setting unless it is saved closed.
   *
   * @return the door as it now is, or empty (nothing changed) if the organization has no such door
   */
  Optional<Door> setLinkAccess(OrganizationId organization, DoorId door, boolean allowed);
}
