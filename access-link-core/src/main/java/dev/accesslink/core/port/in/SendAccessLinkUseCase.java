package dev.accesslink.core.port.in;

/** Send an access link by e-mail, by SMS, or for copying by hand. */
@FunctionalInterface
public interface SendAccessLinkUseCase {

  /**
   * Validates the command, reserves quota and stores the link with its pending delivery in one
   * step, then attempts delivery at once (EMAIL/SMS; a transient failure is retried later by the
   * dispatcher) or returns the one-time URL (MANUAL).
   *
   * @throws dev.accesslink.core.domain.InvalidInputException bad input; nothing stored or counted
   * @throws dev.accesslink.core.domain.UnknownOrganizationException no such organization
   * @throws dev.accesslink.core.domain.UnknownGroupException no such group in the organization
   * @throws dev.accesslink.core.domain.QuotaExhaustedException the channel's quota is used up
   */
  SentAccessLink send(SendAccessLinkCommand command);
}
