package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.WebhookEventType;
import dev.accesslink.core.domain.WebhookSecret;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event for one endpoint, ready to sign and send. Its data never holds a link secret or URL.
 *
 * @param url where to post it
 * @param id the event's id ({@code webhook-id}), the same on every attempt and every endpoint
 * @param timestamp when it happened ({@code timestamp} of the body)
 * @param type what it announces
 * @param data the event's fields ({@code data} of the body), in order
 * @param secrets the secrets to sign with: the current one first, then one still valid during a
 *     rotation
 */
public record WebhookRequest(
    URI url, String id, Instant timestamp, WebhookEventType type, Map<String, String> data,
    List<WebhookSecret> secrets) {

  public WebhookRequest {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(type, "type");
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    secrets = List.copyOf(secrets);
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret");
    }
  }
}
