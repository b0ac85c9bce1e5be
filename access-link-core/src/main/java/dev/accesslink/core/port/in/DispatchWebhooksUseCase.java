package dev.accesslink.core.port.in;

/**
 * One pass of the webhook dispatcher: record the links that expired, announce new audit events to
 * the subscribed endpoints, and send the due deliveries (retrying failed ones with backoff). Safe
 * to run in many processes at once: the store's claims keep them from sending a delivery twice at
 * the same time.
 */
public interface DispatchWebhooksUseCase {

  /** Runs one pass now. */
  WebhookDispatchReport dispatchWebhooks();
}
