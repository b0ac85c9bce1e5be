package dev.accesslink.testkit;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.DeliveryCompletion;
import dev.accesslink.core.port.out.store.LinkResend;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.QuotaReservation;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Static factories for test data. Every id they make is fresh, so tests never collide. */
public final class Fixtures {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fixed instant tests start from: 2026-03-15T12:00:00Z. */
  public static final Instant T0 = Instant.parse("2026-03-15T12:00:00Z");

  private Fixtures() {}

  /** A fresh organization id. */
  public static OrganizationId newOrganization() {
    return OrganizationId.of("org-" + UUID.randomUUID().toString().substring(0, 13));
  }

  /** The administrator tests act as. */
  public static AdminId admin() {
    return AdminId.of("admin-1");
  }

  /** A fresh secret. */
  public static LinkSecret secret() {
    return LinkSecret.generate(RANDOM);
  }

  /** A new link id created at {@code at}. */
  public static AccessLinkId linkId(Instant at) {
    return AccessLinkId.generate(at, RANDOM);
  }

  /** A group with doors named after their ids. */
  public static Group group(OrganizationId org, String id, String name, String... doorIds) {
    return new Group(org, GroupId.of(id), name,
        java.util.Arrays.stream(doorIds).map(d -> new Door(DoorId.of(d), "Door " + d)).toList());
  }

  /** A recipient for {@code channel} with a plausible normalized address. */
  public static Recipient recipient(DeliveryChannel channel) {
    return switch (channel) {
      case EMAIL -> Recipient.email("Ada Lovelace", "ada@example.com");
      case SMS -> Recipient.sms("Ada Lovelace", "+14155550123");
      case MANUAL -> Recipient.manual("Ada Lovelace");
    };
  }

  /** A new link in {@code org} over {@code channel}, group {@code visitors}, created at {@code at}. */
  public static AccessLink link(OrganizationId org, DeliveryChannel channel, ValidityWindow window, Instant at) {
    return AccessLink.issue(linkId(at), org, recipient(channel), GroupId.of("visitors"), window, admin(), at);
  }

  /** The quota reservation the send use case would make (UTC months) for a link, with {@code limit}. */
  public static QuotaReservation reservation(AccessLink link, long limit, Instant now) {
    QuotaKey key = link.channel() == DeliveryChannel.SMS
        ? QuotaKey.monthly(link.organization(), link.channel(), YearMonth.from(now.atZone(ZoneOffset.UTC)))
        : QuotaKey.live(link.organization(), link.channel());
    return new QuotaReservation(key, limit, now);
  }

  /**
   * A complete insert for {@code link}: a secret hash for MANUAL; for EMAIL/SMS a claim on its
   * delivery leased for one minute.
   */
  public static NewAccessLink newLink(AccessLink link, QuotaReservation quota) {
    if (link.channel() == DeliveryChannel.MANUAL) {
      return new NewAccessLink(link, quota, secret().hash(), null);
    }
    return new NewAccessLink(link, quota, null, initialClaim(link, Duration.ofMinutes(1)));
  }

  /** The claim the send use case takes on a new link's delivery. */
  /**
   * The audit event the dispatcher would record with {@code completion} of the attempt under {@code
   * claim}: DELIVERY_SENT, DELIVERY_RETRY_SCHEDULED or DELIVERY_FAILED, at the completion's instant,
   * credited to the system.
   */
  public static AccessEvent deliveryEvent(DeliveryClaim claim, DeliveryCompletion completion) {
    AccessEventType type = completion instanceof DeliveryCompletion.Sent ? AccessEventType.DELIVERY_SENT
        : completion instanceof DeliveryCompletion.RetryLater ? AccessEventType.DELIVERY_RETRY_SCHEDULED
        : AccessEventType.DELIVERY_FAILED;
    return new AccessEvent(UUID.randomUUID(), claim.organization(), completion.at(), type, Actor.system(),
        claim.link(), null, "attempt=" + claim.attempt());
  }

  /**
   * {@code outbox.completeDelivery} of {@code completion} with its {@link #deliveryEvent}: the call
   * the dispatcher makes, for tests that do not look at the event.
   */
  public static boolean complete(DeliveryOutbox outbox, DeliveryClaim claim, DeliveryCompletion completion) {
    return outbox.completeDelivery(claim, completion, deliveryEvent(claim, completion));
  }

  public static DeliveryClaim initialClaim(AccessLink link, Duration lease) {
    return new DeliveryClaim(link.id(), link.organization(), UUID.randomUUID(), 1, link.createdAt().plus(lease));
  }

  /**
   * The resend the use case would ask the store for at {@code at}: a fresh secret hash for MANUAL;
   * for EMAIL/SMS a new claim leased for one minute, and for SMS a unit of the UTC month of {@code
   * at} under {@code smsLimit}; with its event.
   */
  public static LinkResend resend(AccessLink link, Instant at, long smsLimit) {
    boolean manual = link.channel() == DeliveryChannel.MANUAL;
    AccessEvent event = new AccessEvent(UUID.randomUUID(), link.organization(), at,
        manual ? AccessEventType.LINK_ROTATED : AccessEventType.LINK_RESENT, Actor.administrator(admin()),
        link.id(), null, null);
    if (manual) {
      return new LinkResend(link.organization(), link.id(), at, secret().hash(), null, null, event);
    }
    DeliveryClaim claim = new DeliveryClaim(link.id(), link.organization(), UUID.randomUUID(), 1,
        at.plus(Duration.ofMinutes(1)));
    QuotaReservation quota = link.channel() == DeliveryChannel.SMS
        ? new QuotaReservation(QuotaKey.monthly(link.organization(), DeliveryChannel.SMS,
            YearMonth.from(at.atZone(ZoneOffset.UTC))), smsLimit, at)
        : null;
    return new LinkResend(link.organization(), link.id(), at, null, claim, quota, event);
  }

  /** {@code n} copies of a list element factory's output. */
  public static <T> List<T> times(int n, java.util.function.IntFunction<T> f) {
    return java.util.stream.IntStream.range(0, n).mapToObj(f).toList();
  }
}
