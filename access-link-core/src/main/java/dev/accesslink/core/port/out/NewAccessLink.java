package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.SecretHash;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@link AccessLinkStore#insert} writes in one atomic step: the link, its quota
 * reservation, and either its secret's hash (MANUAL) or its pending delivery, already claimed by
 * the caller (EMAIL, SMS) so that the send call can attempt it at once without a dispatcher
 * racing it.
 *
 * @param link the new link
 * @param quota the quota it takes
 * @param secretHash the secret's hash for a MANUAL link; {@code null} for EMAIL/SMS, whose secret
 *     is minted per delivery attempt
 * @param claim the initial claim on the pending delivery for EMAIL/SMS; {@code null} for MANUAL
 */
public record NewAccessLink(
    AccessLink link, QuotaReservation quota, @Nullable SecretHash secretHash, @Nullable DeliveryClaim claim) {
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
