package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.QuotaKind;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.port.out.LinkRecords;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@link LinkRecords#resend} writes in one atomic step: a MANUAL link's new secret
 * hash, or an EMAIL/SMS link's new pending delivery (already claimed by the caller, as for a
 * send), an SMS link's unit of the month's quota, and the event.
 *
 * @param organization the link's organization
 * @param link the link
 * @param at when the resend happens; a link whose window has ended by then is not resendable
 * @param newHash the new secret's hash, for a MANUAL link; {@code null} for EMAIL/SMS
 * @param claim the new delivery's initial claim, for EMAIL/SMS; {@code null} for MANUAL
 * @param quota the unit an SMS resend takes ({@link QuotaKind#CREATED_PER_MONTH}); {@code null}
 *     for the other channels, whose live-links unit the link keeps
 * @param event the {@code LINK_RESENT} or {@code LINK_ROTATED} event, appended with the change
 */
public record LinkResend(
    OrganizationId organization,
    AccessLinkId link,
    Instant at,
    @Nullable SecretHash newHash,
    @Nullable DeliveryClaim claim,
    @Nullable QuotaReservation quota,
    AccessEvent event) {
  public LinkResend {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(event, "event");
    if ((newHash == null) == (claim == null)) {
      throw new IllegalArgumentException("a resend has either a new secret hash (MANUAL) or a claim (EMAIL/SMS)");
    }
    if (claim != null && !claim.link().equals(link)) {
      throw new IllegalArgumentException("the claim is for another link");
    }
    if (quota != null && (claim == null || quota.key().kind() != QuotaKind.CREATED_PER_MONTH
        || !quota.key().organization().equals(organization))) {
      throw new IllegalArgumentException("only an SMS resend takes a (monthly) quota unit of its organization");
    }
    AccessEventType expected = newHash != null ? AccessEventType.LINK_ROTATED : AccessEventType.LINK_RESENT;
    if (event.type() != expected || !link.equals(event.link()) || !organization.equals(event.organization())) {
      throw new IllegalArgumentException("the event is not this link's " + expected + " event");
    }
  }
}
