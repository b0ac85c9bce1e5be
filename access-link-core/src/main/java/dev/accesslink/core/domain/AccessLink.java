package dev.accesslink.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An access link as stored: who it is for, which group's doors it opens, when, who issued it, and
 * whether it was revoked. The link's secret is not part of it (only a store keeps the secret's
 * hash), so an {@code AccessLink} can be logged and shown safely.
 *
 * @param id time-ordered id
 * @param organization the owning organization
 * @param recipient name, channel and normalized address
 * @param group the group whose doors the link opens
 * @param window when the link is valid
 * @param issuedBy the administrator who sent it
 * @param createdAt when it was created
 * @param delivery how its delivery stands
 * @param revocation how it was revoked, or {@code null} while not revoked
 * @param lastUsedAt when it last opened a door, or {@code null}
 * @param externalRef the caller's own reference (a booking id), or {@code null}; see {@link
 *     ExternalRef}
 */
public record AccessLink(
    AccessLinkId id,
    OrganizationId organization,
    Recipient recipient,
    GroupId group,
    ValidityWindow window,
    AdminId issuedBy,
    Instant createdAt,
    DeliveryState delivery,
    @Nullable Revocation revocation,
    @Nullable Instant lastUsedAt,
    @Nullable String externalRef) {

  public AccessLink {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(issuedBy, "issuedBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(delivery, "delivery");
    externalRef = ExternalRef.check(externalRef);
  }

  /** A link without an external reference. */
  public AccessLink(
      AccessLinkId id,
      OrganizationId organization,
      Recipient recipient,
      GroupId group,
      ValidityWindow window,
      AdminId issuedBy,
      Instant createdAt,
      DeliveryState delivery,
      @Nullable Revocation revocation,
      @Nullable Instant lastUsedAt) {
    this(id, organization, recipient, group, window, issuedBy, createdAt, delivery, revocation, lastUsedAt, null);
  }

  /** A new, unrevoked, unused link; delivery pending for EMAIL/SMS, not required for MANUAL. */
  public static AccessLink issue(
      AccessLinkId id,
      OrganizationId organization,
      Recipient recipient,
      GroupId group,
      ValidityWindow window,
      AdminId issuedBy,
      Instant createdAt) {
    DeliveryState delivery =
        recipient.channel().delivers() ? DeliveryState.pending() : DeliveryState.notRequired();
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, delivery, null, null);
  }

  /** The external reference, if any. */
  public Optional<String> externalRefIfAny() {
    return Optional.ofNullable(externalRef);
  }

  /** A copy with {@code ref} as the external reference ({@code null} or blank: none). */
  public AccessLink withExternalRef(@Nullable String ref) {
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, delivery, revocation, lastUsedAt, ref);
  }

  /** The delivery channel. */
  public DeliveryChannel channel() {
    return recipient.channel();
  }

  /** True once revoked. */
  public boolean isRevoked() {
    return revocation != null;
  }

  /** The revocation, if any. */
  public Optional<Revocation> revocationIfAny() {
    return Optional.ofNullable(revocation);
  }

  /** When the link last opened a door, if ever. */
  public Optional<Instant> lastUsed() {
    return Optional.ofNullable(lastUsedAt);
  }

  /** The status at {@code now}: revoked first, then the window decides. */
  public LinkStatus statusAt(Instant now) {
    if (isRevoked()) {
      return LinkStatus.REVOKED;
    }
    return switch (window.positionOf(now)) {
      case BEFORE -> LinkStatus.NOT_YET_VALID;
      case INSIDE -> LinkStatus.ACTIVE;
      case AFTER -> LinkStatus.EXPIRED;
    };
  }

  /**
   * True when the link counts against a live-links quota at {@code now}: not revoked and its
   * window not ended. A link whose window has not started yet exists, so it counts.
   */
  public boolean isLiveAt(Instant now) {
    return !isRevoked() && !window.hasEndedAt(now);
  }

  /** A copy with another delivery state. */
  public AccessLink withDelivery(DeliveryState newDelivery) {
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, newDelivery, revocation, lastUsedAt, externalRef);
  }

  /** A copy revoked as described; an already revoked link is returned unchanged. */
  public AccessLink revoked(Revocation how) {
    if (isRevoked()) {
      return this;
    }
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, delivery, how, lastUsedAt, externalRef);
  }

  /** A copy with {@code at} as the last use. */
  public AccessLink usedAt(Instant at) {
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, delivery, revocation, at, externalRef);
  }
}
