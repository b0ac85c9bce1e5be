package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.WebhookEndpoint;
import dev.accesslink.core.domain.WebhookSecret;
import java.util.Objects;

/**
 * A new endpoint (or a rotated secret) with its signing secret, the only time the secret is
 * shown: hand {@link WebhookSecret#reveal()} to the receiver's operator. {@code toString()} does
 * not show it.
 *
 * @param endpoint the endpoint as stored
 * @param secret its (new) signing secret
 */
public record CreatedWebhookEndpoint(WebhookEndpoint endpoint, WebhookSecret secret) {

  public CreatedWebhookEndpoint {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(secret, "secret");
  }
}
