package dev.accesslink.core.domain;

/** The organization named by a command does not exist. Code {@code organization.unknown}. */
public final class UnknownOrganizationException extends AccessLinkException {
  private static final long serialVersionUID = 1L;

  private final OrganizationId organization;

  public UnknownOrganizationException(OrganizationId organization) {
    super("organization.unknown", "No organization '" + organization.value() + "' exists.");
    this.organization = organization;
  }

  /** The organization that was not found. */
  public OrganizationId organization() {
    return organization;
  }
}
