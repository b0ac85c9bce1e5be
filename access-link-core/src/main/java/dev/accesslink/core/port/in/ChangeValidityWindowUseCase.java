package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AccessLink;

/**
 * Change the validity window of a link that is not revoked: give a visitor one more day, start a
 * link later, or end it early. The quota stays exact: a live-links unit (EMAIL, MANUAL) is given
 * back when the new window has ended, and taken again (if one is free) when an ended link comes
 * back to life; an SMS link's monthly unit is not affected. A {@code LINK_WINDOW_CHANGED} event
 * with the window before and after is written. The link's secrets are not changed.
 */
@FunctionalInterface
public interface ChangeValidityWindowUseCase {

  /**
   * Changes the window; nothing changes when it throws.
   *
   * @return the link as now stored
   * @throws dev.accesslink.core.domain.LinkNotChangeableException the link is revoked ({@code
   *     link.not_changeable})
   * @throws dev.accesslink.core.domain.QuotaExhaustedException reviving an ended link with no unit
   *     free ({@code quota.exhausted})
   * @throws dev.accesslink.core.domain.UnknownLinkException no such link in the organization
   * @throws dev.accesslink.core.domain.UnknownOrganizationException no such organization
   */
  AccessLink changeWindow(ChangeValidityWindowCommand command);
}
