package dev.accesslink.core.port.in;

/**
 * Resend a link that went astray (EMAIL, SMS), or rotate a MANUAL link's secret.
 *
 * <p>A fresh secret is minted and every earlier secret of the link stops working at once (also
 * those of earlier messages that may have arrived). For EMAIL and SMS the new message goes through
 * the delivery outbox like a send: attempted at once, retried on a transient failure, never twice
 * after a crash. An SMS resend spends one unit of the current month's SMS quota, exactly like a
 * send. For MANUAL the new URL is returned once. An event ({@code LINK_RESENT} or {@code
 * LINK_ROTATED}) credited to the administrator is written with the change.
 */
@FunctionalInterface
public interface ResendAccessLinkUseCase {

  /**
   * Resends (EMAIL, SMS) or rotates (MANUAL) the link; nothing changes when it throws.
   *
   * @return the link as now stored (for EMAIL/SMS after the first attempt of the new message),
   *     with the new URL for MANUAL
   * @throws dev.accesslink.core.domain.LinkNotResendableException the link is revoked or has ended
   *     ({@code link.not_resendable})
   * @throws dev.accesslink.core.domain.QuotaExhaustedException an SMS resend with no unit left this
   *     month ({@code quota.exhausted})
   * @throws dev.accesslink.core.domain.UnknownLinkException no such link in the organization
   * @throws dev.accesslink.core.domain.UnknownOrganizationException no such organization
   * @throws dev.accesslink.core.domain.UnknownGroupException the link's group no longer exists
   * @throws dev.accesslink.core.domain.InvalidInputException {@code channel.unsupported}: no notifier
   *     is wired for the link's channel
   */
  SentAccessLink resend(ResendAccessLinkCommand command);
}
