package dev.accesslink.core.domain;

/**
 * The group named by a send command does not exist in that organization. Code {@code
 * group.unknown}.
 */
public final class UnknownGroupException extends AccessLinkException {
  private static final long serialVersionUID = 1L;

  private final GroupId group;

  public UnknownGroupException(OrganizationId organization, GroupId group) {
    super(
        "group.unknown",
        "No group '" + group.value() + "' exists in organization '" + organization.value()
            + "'. Pick one of the organization's groups.");
    this.group = group;
  }

  /** The group that was not found. */
  public GroupId group() {
    return group;
  }
}
