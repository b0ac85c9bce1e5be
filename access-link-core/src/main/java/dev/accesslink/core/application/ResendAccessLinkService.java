package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.LinkNotResendableException;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaExhaustedException;
import dev.accesslink.core.domain.QuotaKind;
import dev.accesslink.core.domain.UnknownGroupException;
import dev.accesslink.core.domain.UnknownLinkException;
import dev.accesslink.core.port.in.ResendAccessLinkCommand;
import dev.accesslink.core.port.in.ResendAccessLinkUseCase;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.SecretGenerator;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.LinkResend;
import dev.accesslink.core.port.out.store.QuotaReservation;
import dev.accesslink.core.port.out.store.ResendOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Resends EMAIL/SMS links and rotates MANUAL ones: check, mint, one atomic store step (every old
 * secret dead, the new delivery pending and claimed, an SMS unit taken, the event), then the first
 * attempt of the new message, as for a send. Thread-safe.
 */
final class ResendAccessLinkService implements ResendAccessLinkUseCase {
  private final OrganizationLookup organizations;
  private final GroupDirectory groups;
  private final LinkRecords links;
  private final Notifiers notifiers;
  private final SecretGenerator secrets;
  private final DeliveryAttempts deliveries;
  private final Audit audit;
  private final DeliveryPolicy policy;
  private final Clock clock;

  ResendAccessLinkService(
      OrganizationLookup organizations, GroupDirectory groups, LinkRecords links, Notifiers notifiers,
      SecretGenerator secrets, DeliveryAttempts deliveries, Audit audit, DeliveryPolicy policy, Clock clock) {
    this.organizations = organizations;
    this.groups = groups;
    this.links = links;
    this.notifiers = notifiers;
    this.secrets = secrets;
    this.deliveries = deliveries;
    this.audit = audit;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public SentAccessLink resend(ResendAccessLinkCommand command) {
    Instant now = clock.instant();
    OrganizationSettings org = organizations.require(command.organization());
    AccessLink link = links.findById(org.id(), command.link())
        .orElseThrow(() -> new UnknownLinkException(command.link()));
    requireResendable(link, now);
    DeliveryChannel channel = link.channel();
    if (channel != DeliveryChannel.MANUAL) {
      notifiers.forChannel(channel); // channel.unsupported before anything changes
    }
    Group group = groups.findGroup(org.id(), link.group())
        .orElseThrow(() -> new UnknownGroupException(org.id(), link.group()));

    Actor admin = Actor.administrator(command.resentBy());
    LinkSecret manualSecret = null;
    DeliveryClaim claim = null;
    QuotaReservation quota = null;
    AccessEvent event;
    if (channel == DeliveryChannel.MANUAL) {
      manualSecret = secrets.next();
      event = audit.event(org.id(), now, AccessEventType.LINK_ROTATED, admin, link.id(), null, null);
    } else {
      claim = new DeliveryClaim(link.id(), org.id(), UUID.randomUUID(), 1, now.plus(policy.lease()));
      if (channel.quotaKind() == QuotaKind.CREATED_PER_MONTH) {
        quota = SendAccessLinkService.reservation(org, channel, now);
      }
      event = audit.event(org.id(), now, AccessEventType.LINK_RESENT, admin, link.id(), null, null);
    }
    ResendOutcome outcome = links.resend(new LinkResend(org.id(), link.id(), now,
        manualSecret == null ? null : manualSecret.hash(), claim, quota, event));
    if (outcome instanceof ResendOutcome.NotFound) {
      throw new UnknownLinkException(link.id());
    }
    if (outcome instanceof ResendOutcome.NotResendable n) {
      requireResendable(n.link(), now);
      throw new LinkNotResendableException(link.id(), "it is revoked or has ended");
    }
    if (outcome instanceof ResendOutcome.QuotaExhausted q) {
      throw new QuotaExhaustedException(channel, q.used(), q.limit(), SendAccessLinkService.resetsAt(org, quota));
    }
    AccessLink resent = ((ResendOutcome.Resent) outcome).link();
    if (manualSecret != null) {
      return new SentAccessLink(resent, org.linkUrl(manualSecret));
    }
    deliveries.attempt(resent, group, org, claim);
    return new SentAccessLink(links.findById(org.id(), link.id()).orElse(resent), null);
  }

  private static void requireResendable(AccessLink link, Instant now) {
    if (link.isRevoked()) {
      throw new LinkNotResendableException(link.id(), "it is revoked");
    }
    if (link.window().hasEndedAt(now)) {
      throw new LinkNotResendableException(link.id(), "its validity window has ended");
    }
  }
}
