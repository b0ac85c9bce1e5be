package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.UnknownLinkException;
import dev.accesslink.core.port.in.RevokeAccessLinkCommand;
import dev.accesslink.core.port.in.RevokeAccessLinkUseCase;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.store.RevokeOutcome;
import java.time.Clock;
import java.time.Instant;

/** Revokes links. Thread-safe. */
final class RevokeAccessLinkService implements RevokeAccessLinkUseCase {
  private final OrganizationLookup organizations;
  private final LinkRecords links;
  private final Audit audit;
  private final Clock clock;

  RevokeAccessLinkService(OrganizationLookup organizations, LinkRecords links, Audit audit, Clock clock) {
    this.organizations = organizations;
    this.links = links;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public AccessLink revoke(RevokeAccessLinkCommand command) {
    organizations.require(command.organization());
    Instant now = clock.instant();
    RevokeOutcome outcome = links.revoke(command.organization(), command.link(),
        Revocation.byAdministrator(command.revokedBy(), now));
    if (outcome instanceof RevokeOutcome.Revoked revoked) {
      audit.record(command.organization(), now, AccessEventType.LINK_REVOKED,
          Actor.administrator(command.revokedBy()), command.link(), null, null);
      return revoked.link();
    }
    if (outcome instanceof RevokeOutcome.AlreadyRevoked already) {
      return already.link();
    }
    throw new UnknownLinkException(command.link());
  }
}
