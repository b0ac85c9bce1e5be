package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DeliveryOutbox;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A lease on one pending delivery: while it holds (until {@code leaseUntil}), no other dispatcher
 * claims the same delivery. Every later step ({@link DeliveryOutbox#beginAttempt}, {@link
 * DeliveryOutbox#completeDelivery}) succeeds only for the holder of the current token.
 *
 * @param link the link to deliver
 * @param organization its organization
 * @param token unique per claim; a stale token is refused
 * @param attempt the number of this attempt, from 1
 * @param leaseUntil when the lease ends and the delivery becomes claimable again
 */
public record DeliveryClaim(
    AccessLinkId link, OrganizationId organization, UUID token, int attempt, Instant leaseUntil) {
  public DeliveryClaim {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt >= 1");
    }
  }
}
