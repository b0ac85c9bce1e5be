package dev.accesslink.core.port.out;

import java.util.Objects;

/**
 * How a delivery ended, as the notifier classifies it. Reasons are short, secret-free codes
 * (such as {@code "smtp.550"} or {@code "twilio.21610"}) with at most a short explanation.
 */
public sealed interface DeliveryResult {

  /**
   * The provider accepted the message.
   *
   * @param providerMessageId the provider's id for it (SMTP Message-ID, Twilio SID), or empty
   * @param segments the billable segments the message took (an SMS provider bills per segment), or
   *     0 when the channel has none or the count is unknown (e-mail)
   */
  record Sent(String providerMessageId, int segments) implements DeliveryResult {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code segments} is negative
     */
    public Sent {
      Objects.requireNonNull(providerMessageId, "providerMessageId");
      if (segments < 0) {
        throw new IllegalArgumentException("segments must not be negative: " + segments);
      }
    }

    /** Sent, with no segment count (e-mail, or a provider that does not say). */
    public Sent(String providerMessageId) {
      this(providerMessageId, 0);
    }
  }

  /**
   * Refused for now, for sure (provider busy, could not connect, rate-limited): the message did not
   * reach the provider. Worth retrying later; the next attempt's secret supersedes this one's. When
   * the message may have been handed over, answer {@link OutcomeUnknown} instead.
   */
  record TransientFailure(String reason) implements DeliveryResult {
    public TransientFailure {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The outcome is unknown: the message was (or may have been) handed over to the provider, and
   * then the answer was lost (a read timeout after the SMTP DATA, a connection dropped after the
   * request was sent). Retried like a transient failure, but the secret of this attempt keeps
   * opening the doors, since the message may reach the recipient.
   */
  record OutcomeUnknown(String reason) implements DeliveryResult {
    public OutcomeUnknown {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Failed for good (no such mailbox, recipient opted out); retrying will not help. */
  record PermanentFailure(String reason) implements DeliveryResult {
    public PermanentFailure {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
