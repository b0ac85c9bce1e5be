package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AccessLink;

/** Revoke a link; takes effect at once. */
@FunctionalInterface
public interface RevokeAccessLinkUseCase {

  /**
   * Revokes the link. Revoking a revoked link changes nothing and returns it as it is.
   *
   * @return the link as now stored
   * @throws dev.accesslink.core.domain.UnknownLinkException no such link in the organization
   * @throws dev.accesslink.core.domain.UnknownOrganizationException no such organization
   */
  AccessLink revoke(RevokeAccessLinkCommand command);
}
