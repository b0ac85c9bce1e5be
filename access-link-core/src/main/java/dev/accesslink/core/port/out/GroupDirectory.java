package dev.accesslink.core.port.out;

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
}
