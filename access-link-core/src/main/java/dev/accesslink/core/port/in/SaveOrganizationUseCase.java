package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.OrganizationSettings;

/** Create or change an organization: the documented way to set one up before sending links. */
@FunctionalInterface
public interface SaveOrganizationUseCase {

  /**
   * Creates the organization with default quota limits, or changes its name, zone and link base URL
   * keeping its quota limits; records an {@link
   * dev.accesslink.core.domain.AccessEventType#ORGANIZATION_SAVED} event either way. Takes effect
   * at once for this instance (other instances see it after their directory cache's time-to-live).
   *
   * @return the settings as saved
   */
  OrganizationSettings saveOrganization(SaveOrganizationCommand command);
}
