package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.WebhookEndpointId;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A claimed webhook delivery: one audit event for one endpoint, leased to one dispatcher.
 *
 * @param token the claim; completing requires it to still be the delivery's claim
 * @param leaseUntil when the claim runs out and another dispatcher may take the delivery
 * @param endpoint the endpoint
 * @param url the endpoint's URL
 * @param sealedSecrets the endpoint's sealed secrets valid now: the current one first, then the
 *     previous one while a rotation lasts
 * @param event the audit event to announce
 * @param attempt this attempt's number (1 for the first)
 * @param queuedAt when the delivery was queued; retries end a retry period after it
 */
public record WebhookClaim(
    UUID token, Instant leaseUntil, WebhookEndpointId endpoint, URI url, List<String> sealedSecrets,
    AccessEvent event, int attempt, Instant queuedAt) {

  public WebhookClaim {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(queuedAt, "queuedAt");
    sealedSecrets = List.copyOf(sealedSecrets);
  }

  /** Sealed secrets are not shown. */
  @Override
  public String toString() {
    return "WebhookClaim[endpoint=" + endpoint + ", event=" + event.id() + ", attempt=" + attempt + "]";
  }
}
