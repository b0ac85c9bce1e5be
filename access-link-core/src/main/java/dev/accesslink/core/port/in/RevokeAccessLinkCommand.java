package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.OrganizationId;
import java.util.Objects;

/**
 * Revoke a link.
 *
 * @param organization the link's organization
 * @param revokedBy the acting administrator
 * @param link the link
 */
public record RevokeAccessLinkCommand(OrganizationId organization, AdminId revokedBy, AccessLinkId link) {
  public RevokeAccessLinkCommand {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(revokedBy, "revokedBy");
    Objects.requireNonNull(link, "link");
  }
}
