package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.OrganizationId;

/** Read one link by id, e.g. to watch its delivery or show its last use. Read-only. */
@FunctionalInterface
public interface GetAccessLinkUseCase {

  /**
   * The link {@code link} of {@code organization}, as stored now: its delivery state, revocation
   * and last use (including the unlocks this instance answered before the call, as {@link
   * ListAccessLinksUseCase#list} does). A link of another organization is unknown here.
   *
   * @throws dev.accesslink.core.domain.UnknownOrganizationException no such organization
   * @throws dev.accesslink.core.domain.UnknownLinkException no such link in that organization
   *     (code {@code link.unknown})
   */
  AccessLink getLink(OrganizationId organization, AccessLinkId link);
}
