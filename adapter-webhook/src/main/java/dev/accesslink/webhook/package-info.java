/**
 * Events out as webhooks that follow the Standard Webhooks specification: {@link
 * dev.accesslink.webhook.HttpWebhookSender} (the core's {@link
 * dev.accesslink.core.port.out.WebhookSender} on {@code java.net.http}) with its settings {@link
 * dev.accesslink.webhook.WebhookSenderSettings}; {@link dev.accesslink.webhook.WebhookSignatures}
 * (the signature scheme); {@link dev.accesslink.webhook.WebhookVerifier} for receivers; and {@link
 * dev.accesslink.webhook.AesGcmSecretSealer}, which keeps the endpoints' secrets sealed in the
 * store.
 */
@org.jspecify.annotations.NullMarked
package dev.accesslink.webhook;
