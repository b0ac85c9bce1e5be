package dev.accesslink.core.port.in;

/**
 * Records a provider's late report on a message it had accepted (Twilio's status callback with
 * {@code undelivered} or {@code failed}). When the message is the link's current one and its
 * delivery SENT, the delivery becomes FAILED, the link is revoked ({@code DELIVERY_FAILED}), its
 * quota unit is given back (an SMS unit too, as for a send the provider refused), and a {@code
 * DELIVERY_REPORTED_FAILED} event is written. A report for an unknown or stale message (resent
 * since), or one that says delivered, changes nothing and is logged.
 *
 * <p>The caller authenticates the report first (for Twilio: the {@code X-Twilio-Signature}).
 */
@FunctionalInterface
public interface RecordDeliveryReportUseCase {

  /** Applies or ignores the report; never throws for an unknown message. */
  DeliveryReportResult recordDeliveryReport(DeliveryReportCommand report);
}
