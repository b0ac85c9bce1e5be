package dev.accesslink.core.port.out;

/**
 * Sends one event to one webhook endpoint (events out): signs it, posts it, and reports how the
 * endpoint answered. The module {@code adapter-webhook} has one that follows the Standard Webhooks
 * specification. It never throws for a failed delivery: a refused connection, a timeout or a
 * non-2xx answer is a {@link WebhookResponse} that says so. Implementations are thread-safe.
 */
@FunctionalInterface
public interface WebhookSender {

  /** Sends {@code request} once. */
  WebhookResponse send(WebhookRequest request);
}
