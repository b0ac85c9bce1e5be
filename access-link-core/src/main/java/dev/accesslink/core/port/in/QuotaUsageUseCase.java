package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.OrganizationId;

/** How much of each quota an organization uses. */
@FunctionalInterface
public interface QuotaUsageUseCase {

  /**
   * Usage now.
   *
   * @throws dev.accesslink.core.domain.UnknownOrganizationException no such organization
   */
  QuotaUsageReport quotaUsage(OrganizationId organization);
}
