package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.OrganizationId;
import java.util.List;

/** The groups (with their doors) an administrator can send links for. */
@FunctionalInterface
public interface ListGroupsUseCase {

  /**
   * The organization's groups, by name.
   *
   * @throws dev.accesslink.core.domain.UnknownOrganizationException no such organization
   */
  List<Group> groups(OrganizationId organization);
}
