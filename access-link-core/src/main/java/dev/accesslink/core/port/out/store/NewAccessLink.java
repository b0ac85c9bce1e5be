package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.port.out.LinkRecords;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@link LinkRecords#insert} writes in one atomic step: the link, its quota
 * reservation, either its secret's hash (MANUAL) or its pending delivery, already claimed by the
 * caller (EMAIL, SMS) so that the send call can attempt it at once without a dispatcher racing it,
 * and its {@link AccessEventType#LINK_SENT} audit event, so that no stored link lacks its event.
 *
 * @param link the new link
 * @param quota the quota it takes
 * @param secretHash the secret's hash for a MANUAL link; {@code null} for EMAIL/SMS, whose secret
 *     is minted per delivery attempt
 * @param claim the initial claim on the pending delivery for EMAIL/SMS; {@code null} for MANUAL
 * @param event the link's LINK_SENT event, appended to the audit log with the link
 * @param idempotency the idempotency key to hold for the link, or {@code null}: stored in the same
 *     atomic step, unless the organization's key is held already (then nothing is stored, see
 *     {@link InsertOutcome.KeyTaken})
 */
public record NewAccessLink(
    AccessLink link,
    QuotaReservation quota,
    @Nullable SecretHash secretHash,
    @Nullable DeliveryClaim claim,
    AccessEvent event,
    @Nullable IdempotencyRecord idempotency) {
  public NewAccessLink {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(quota, "quota");
    boolean manual = link.channel() == DeliveryChannel.MANUAL;
    if (manual && (secretHash == null || claim != null)) {
      throw new IllegalArgumentException("a MANUAL link has a secret hash and no delivery");
    }
    if (!manual && (secretHash != null || claim == null)) {
      throw new IllegalArgumentException("an EMAIL/SMS link has a claimed delivery and no secret yet");
    }
    if (claim != null && !claim.link().equals(link.id())) {
      throw new IllegalArgumentException("the claim is for another link");
    }
    if (!quota.key().organization().equals(link.organization()) || quota.key().channel() != link.channel()) {
      throw new IllegalArgumentException("the quota key does not match the link");
    }
    Objects.requireNonNull(event, "event");
    if (event.type() != AccessEventType.LINK_SENT || !link.id().equals(event.link())
        || !link.organization().equals(event.organization())) {
      throw new IllegalArgumentException("the event is not this link's LINK_SENT event");
    }
    if (idempotency != null && !idempotency.isKeptAt(link.createdAt())) {
      throw new IllegalArgumentException("the idempotency key is not kept at the link's creation");
    }
  }

  /** The same, without idempotency key. */
  public NewAccessLink(
      AccessLink link, QuotaReservation quota, @Nullable SecretHash secretHash, @Nullable DeliveryClaim claim,
      AccessEvent event) {
    this(link, quota, secretHash, claim, event, null);
  }

  /** A copy that holds {@code record}'s idempotency key for the link. */
  public NewAccessLink withIdempotency(IdempotencyRecord record) {
    return new NewAccessLink(link, quota, secretHash, claim, event, Objects.requireNonNull(record, "record"));
  }

  /** The idempotency key to hold, if any. */
  public Optional<IdempotencyRecord> idempotencyIfAny() {
    return Optional.ofNullable(idempotency);
  }

  /** The same, with the standard {@link AccessEvent#linkSent(AccessLink)} event. */
  public NewAccessLink(
      AccessLink link, QuotaReservation quota, @Nullable SecretHash secretHash, @Nullable DeliveryClaim claim) {
    this(link, quota, secretHash, claim, AccessEvent.linkSent(link), null);
  }

  /** The secret hash, for MANUAL. */
  public Optional<SecretHash> secretHashIfAny() {
    return Optional.ofNullable(secretHash);
  }

  /** The initial claim, for EMAIL/SMS. */
  public Optional<DeliveryClaim> claimIfAny() {
    return Optional.ofNullable(claim);
  }
}
