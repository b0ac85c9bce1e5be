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
   */
  record Sent(String providerMessageId) implements DeliveryResult {
    public Sent {
      Objects.requireNonNull(providerMessageId, "providerMessageId");
    }
  }

  /** Failed for now (provider busy, connection lost, rate-limited); worth retrying later. */
  record TransientFailure(String reason) implements DeliveryResult {
    public TransientFailure {
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
