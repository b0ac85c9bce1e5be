package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.QuotaLimits;
import java.util.Objects;

/**
 * Set an organization's quota limits (an operator raising a quota on request).
 *
 * @param organization the organization
 * @param changedBy the acting administrator or operator
 * @param limits the new limits
 */
public record SetQuotaLimitsCommand(OrganizationId organization, AdminId changedBy, QuotaLimits limits) {
  public SetQuotaLimitsCommand {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(changedBy, "changedBy");
    Objects.requireNonNull(limits, "limits");
  }
}
