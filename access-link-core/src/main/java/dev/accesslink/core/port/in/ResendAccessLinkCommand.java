package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.OrganizationId;
import java.util.Objects;

/**
 * Resend a link (EMAIL, SMS) or rotate its secret (MANUAL).
 *
 * @param organization the link's organization
 * @param resentBy the acting administrator
 * @param link the link
 */
public record ResendAccessLinkCommand(OrganizationId organization, AdminId resentBy, AccessLinkId link) {
  public ResendAccessLinkCommand {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(resentBy, "resentBy");
    Objects.requireNonNull(link, "link");
  }
}
