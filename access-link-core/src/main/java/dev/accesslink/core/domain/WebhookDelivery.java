package dev.accesslink.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One event as sent (or being sent) to one webhook endpoint: a line of the endpoint's delivery log.
 *
 * @param eventId the event's id, sent as {@code webhook-id} (the receiver's de-duplication key)
 * @param type what the event announces
 * @param link the link concerned, if any
 * @param status where it stands
 * @param attempts attempts made so far
 * @param createdAt when it was queued for the endpoint
 * @param lastAttemptAt when it was last attempted, or {@code null}
 * @param lastStatusCode the HTTP status of the last attempt, or {@code null} (no answer)
 * @param lastError a short reason for the last failure, or {@code null}
 * @param nextAttemptAt when it is next attempted while pending, or {@code null}
 */
public record WebhookDelivery(
    UUID eventId,
    AccessEventType type,
    @Nullable AccessLinkId link,
    Status status,
    int attempts,
    Instant createdAt,
    @Nullable Instant lastAttemptAt,
    @Nullable Integer lastStatusCode,
    @Nullable String lastError,
    @Nullable Instant nextAttemptAt) {

  /** Where a delivery stands. */
  public enum Status {
    /** Not yet acknowledged by the endpoint; attempted (again) at {@code nextAttemptAt}. */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** It kept failing for the whole retry period; the endpoint was disabled. */
    FAILED
  }

  public WebhookDelivery {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
