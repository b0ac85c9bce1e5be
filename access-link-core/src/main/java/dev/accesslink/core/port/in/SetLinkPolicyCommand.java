package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.LinkPolicy;
import dev.accesslink.core.domain.OrganizationId;
import java.util.Objects;

/**
 * Replace an organization's link policy.
 *
 * @param organization the organization
 * @param changedBy the acting administrator
 * @param policy the new policy ({@link LinkPolicy#none()} to drop every rule)
 */
public record SetLinkPolicyCommand(OrganizationId organization, AdminId changedBy, LinkPolicy policy) {
  public SetLinkPolicyCommand {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(changedBy, "changedBy");
    Objects.requireNonNull(policy, "policy");
  }
}
