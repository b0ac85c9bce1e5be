package dev.accesslink.core.port.in;

import java.util.Objects;

/**
 * A provider's report on a message it accepted earlier (Twilio's status callback, say), naming the
 * message by the id the provider gave when it accepted it.
 *
 * @param providerMessageId the provider's message id (Twilio's {@code MessageSid}), 1 to 255 characters
 * @param delivered true when the provider reports the message delivered; false when it reports it
 *     undelivered or failed for good
 * @param reason a short, secret-free reason, such as {@code twilio.30003}; may be empty
 */
public record DeliveryReportCommand(String providerMessageId, boolean delivered, String reason) {
  public DeliveryReportCommand {
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    Objects.requireNonNull(reason, "reason");
    if (providerMessageId.isBlank() || providerMessageId.length() > 255) {
      throw new IllegalArgumentException("providerMessageId: 1 to 255 characters");
    }
    reason = reason.length() > 200 ? reason.substring(0, 200) : reason;
  }

  /** A report that the message was not delivered. */
  public static DeliveryReportCommand undelivered(String providerMessageId, String reason) {
    return new DeliveryReportCommand(providerMessageId, false, reason);
  }
}
