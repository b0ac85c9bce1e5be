package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;

/**
 * An organization's settings as stored now: name, zone (in which weekly schedules are read and the
 * next opening of a link is shown), quota limits, link base URL and link policy.
 */
public interface GetOrganizationUseCase {

  /**
   * The organization's settings.
   *
   * @throws dev.accesslink.core.domain.UnknownOrganizationException for an unknown organization
   */
  OrganizationSettings organization(OrganizationId organization);
}
