package dev.accesslink.core.port.out;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How an endpoint answered one attempt.
 *
 * @param delivered true for a 2xx answer
 * @param statusCode the HTTP status, or {@code null} when there was no answer (refused, timed out)
 * @param detail a short, secret-free reason for a failure (empty when delivered)
 */
public record WebhookResponse(boolean delivered, @Nullable Integer statusCode, String detail) {

  public WebhookResponse {
    Objects.requireNonNull(detail, "detail");
    if (detail.length() > 300) {
      detail = detail.substring(0, 300);
    }
  }

  /** The endpoint answered 2xx with {@code statusCode}. */
  public static WebhookResponse accepted(int statusCode) {
    return new WebhookResponse(true, statusCode, "");
  }

  /** The attempt failed: a non-2xx {@code statusCode}, or none. */
  public static WebhookResponse failed(@Nullable Integer statusCode, String detail) {
    return new WebhookResponse(false, statusCode, detail);
  }

  /** The HTTP status, if there was an answer. */
  public Optional<Integer> statusCodeIfAny() {
    return Optional.ofNullable(statusCode);
  }
}
