package dev.accesslink.core.application;

import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.ListGroupsUseCase;
import dev.accesslink.core.port.out.GroupDirectory;
import java.util.List;

/** Lists an organization's groups. Thread-safe. */
final class ListGroupsService implements ListGroupsUseCase {
  private final OrganizationLookup organizations;
  private final GroupDirectory groups;

  ListGroupsService(OrganizationLookup organizations, GroupDirectory groups) {
    this.organizations = organizations;
    this.groups = groups;
  }

  @Override
  public List<Group> groups(OrganizationId organization) {
    organizations.require(organization);
    return groups.groups(organization);
  }
}
