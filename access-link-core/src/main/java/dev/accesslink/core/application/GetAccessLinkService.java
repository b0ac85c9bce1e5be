package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.UnknownLinkException;
import dev.accesslink.core.port.in.GetAccessLinkUseCase;
import dev.accesslink.core.port.out.LinkRecords;
import java.util.Objects;

/** Reads one link by id within its organization. Thread-safe. */
final class GetAccessLinkService implements GetAccessLinkUseCase {
  private final OrganizationLookup organizations;
  private final UseRecorder uses;
  private final LinkRecords links;

  GetAccessLinkService(OrganizationLookup organizations, UseRecorder uses, LinkRecords links) {
    this.organizations = organizations;
    this.uses = uses;
    this.links = links;
  }

  @Override
  public AccessLink getLink(OrganizationId organization, AccessLinkId link) {
    Objects.requireNonNull(link, "link");
    organizations.require(organization);
    // the last use of this instance's unlocks answered so far (read your writes), as list() does
    uses.await(UseRecorder.READ_WAIT);
    return links.findById(organization, link).orElseThrow(() -> new UnknownLinkException(link));
  }
}
