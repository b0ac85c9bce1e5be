package dev.accesslink.core.domain;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A URL an organization's events are posted to, as stored. It carries no secret: the signing
 * secrets are kept sealed beside it and are never read back through this type.
 *
 * @param id the endpoint's id
 * @param organization the organization whose events it receives
 * @param url where events are posted
 * @param events the event types it subscribes to (not empty)
 * @param createdAt when it was created; it receives the events recorded from then on
 * @param createdBy the administrator who created it
 * @param disabledAt when the library disabled it (its events kept failing), or {@code null}
 */
public record WebhookEndpoint(
    WebhookEndpointId id,
    OrganizationId organization,
    URI url,
    Set<WebhookEventType> events,
    Instant createdAt,
    AdminId createdBy,
    @Nullable Instant disabledAt) {

  public WebhookEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
    if (events.isEmpty()) {
      throw new IllegalArgumentException("an endpoint subscribes to at least one event type");
    }
    events = java.util.Collections.unmodifiableSet(EnumSet.copyOf(events));
  }

  /** True while events are sent to it. */
  public boolean enabled() {
    return disabledAt == null;
  }

  /** When it was disabled, if it is. */
  public Optional<Instant> disabledAtIfAny() {
    return Optional.ofNullable(disabledAt);
  }
}
