package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkUrl;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.IdempotencyKey;
import dev.accesslink.core.domain.IdempotencyKeyReusedException;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaExhaustedException;
import dev.accesslink.core.domain.QuotaKind;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.domain.UnknownGroupException;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SendAccessLinkUseCase;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.AddressCheck;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.store.IdempotencyRecord;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.KeyedSend;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.QuotaReservation;
import dev.accesslink.core.port.out.SecretGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Sends access links: validate, normalize the address, look up the group, store link + quota +
 * pending delivery in one step, then attempt delivery (or return the manual URL once).
 * Thread-safe.
 */
final class SendAccessLinkService implements SendAccessLinkUseCase {
  private final OrganizationLookup organizations;
  private final GroupDirectory groups;
  private final LinkRecords links;
  private final Notifiers notifiers;
  private final SecretGenerator secrets;
  private final DeliveryAttempts deliveries;
  private final DeliveryPolicy policy;
  private final Clock clock;
  private final RandomGenerator random;
  private final Set<Language> languages;

  SendAccessLinkService(
      OrganizationLookup organizations, GroupDirectory groups, LinkRecords links,
      Notifiers notifiers, SecretGenerator secrets, DeliveryAttempts deliveries,
      DeliveryPolicy policy, Clock clock, RandomGenerator random, Set<Language> languages) {
    this.organizations = organizations;
    this.groups = groups;
    this.links = links;
    this.notifiers = notifiers;
    this.secrets = secrets;
    this.deliveries = deliveries;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
    this.languages = Set.copyOf(languages);
  }

  @Override
  public SentAccessLink send(SendAccessLinkCommand command) {
    Instant now = clock.instant();
    OrganizationSettings org = organizations.require(command.organization());
    Language language = (command.language() != null ? command.language() : org.defaultLanguage())
        .requireOneOf(languages);
    Recipient recipient = recipient(command);
    IdempotencyRecord idempotency = null;
    if (command.idempotencyKey() != null) {
      String fingerprint = RequestFingerprint.of(
          command.issuedBy(), recipient, command.group(), command.window(), command.rules(),
          command.externalRef(), command.issuerName(), language);
      // a repeat answers before the window, group and quota checks: they held for the first call
      Optional<KeyedSend> earlier = links.findByIdempotencyKey(org.id(), command.idempotencyKey(), now);
      if (earlier.isPresent()) {
        return repeat(earlier.get(), fingerprint);
      }
      idempotency = new IdempotencyRecord(command.idempotencyKey(), fingerprint, now.plus(IdempotencyKey.RETENTION));
    }
    command.window().requireNotEndedAt(now);
    // the organization's policy, before the group is read or anything stored
    org.linkPolicy().check(command.window(), now);
    Group group = groups.findGroup(command.organization(), command.group())
        .orElseThrow(() -> new UnknownGroupException(command.organization(), command.group()));

    AccessLinkId id = AccessLinkId.generate(now, random);
    AccessLink link = AccessLink.issue(
        id, org.id(), recipient, group.id(), command.window(), command.issuedBy(), now, command.rules(),
        command.issuerName(), language)
        .withExternalRef(command.externalRef());
    QuotaReservation quota = reservation(org, recipient.channel(), now);

    LinkSecret manualSecret = null;
    SecretHash hash = null;
    DeliveryClaim claim = null;
    if (recipient.channel() == DeliveryChannel.MANUAL) {
      manualSecret = secrets.next();
      hash = manualSecret.hash();
    } else {
      claim = new DeliveryClaim(id, org.id(), UUID.randomUUID(), 1, now.plus(policy.lease()));
    }
    // one atomic write: link, quota unit, secret hash or claimed delivery, and the LINK_SENT event
    // (and the idempotency key, unless an identical send raced this one and holds it)
    NewAccessLink newLink = new NewAccessLink(link, quota, hash, claim, AccessEvent.linkSent(link), idempotency);
    InsertOutcome outcome = links.insert(newLink);
    if (outcome instanceof InsertOutcome.KeyTaken taken && idempotency != null) {
      return repeat(taken.earlier(), idempotency.fingerprint());
    }
    if (outcome instanceof InsertOutcome.QuotaExhausted q) {
      throw new QuotaExhaustedException(recipient.channel(), q.used(), q.limit(), resetsAt(org, quota));
    }

    if (claim == null) {
      AccessLinkUrl url = org.linkUrl(manualSecret);
      return new SentAccessLink(link, url);
    }
    deliveries.attempt(link, group, org, claim);
    return new SentAccessLink(links.findById(org.id(), id).orElse(link), null);
  }

  /**
   * The answer to a send whose key an earlier send holds: its link as stored now, nothing stored,
   * counted or sent, and no URL (a MANUAL secret is not stored, so its URL cannot be shown again);
   * refused when the earlier request was another one.
   */
  private static SentAccessLink repeat(KeyedSend earlier, String fingerprint) {
    if (!earlier.fingerprint().equals(fingerprint)) {
      throw new IdempotencyKeyReusedException();
    }
    return new SentAccessLink(earlier.link(), null, true);
  }

  private Recipient recipient(SendAccessLinkCommand command) {
    DeliveryChannel channel = command.channel();
    if (channel == DeliveryChannel.MANUAL) {
      return Recipient.manual(command.recipientName());
    }
    String raw = command.address();
    AddressCheck check = notifiers.forChannel(channel).normalize(raw == null ? "" : raw);
    if (check instanceof AddressCheck.Invalid invalid) {
      throw new InvalidInputException(invalid.code(), "address", invalid.message());
    }
    return new Recipient(command.recipientName(), channel, ((AddressCheck.Valid) check).normalized());
  }

  static QuotaReservation reservation(OrganizationSettings org, DeliveryChannel channel, Instant now) {
    QuotaKey key = channel.quotaKind() == QuotaKind.CREATED_PER_MONTH
        ? QuotaKey.monthly(org.id(), channel, org.monthOf(now))
        : QuotaKey.live(org.id(), channel);
    return new QuotaReservation(key, org.quotaLimits().limitFor(channel), now);
  }

  static @Nullable Instant resetsAt(OrganizationSettings org, QuotaReservation quota) {
    return quota.key().month() == null ? null : org.startOfNextMonth(quota.key().month());
  }
}
