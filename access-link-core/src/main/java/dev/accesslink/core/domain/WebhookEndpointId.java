package dev.accesslink.core.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a webhook endpoint.
 *
 * @param value the id
 */
public record WebhookEndpointId(UUID value) {

  public WebhookEndpointId {
    Objects.requireNonNull(value, "value");
  }

  /** A new random id. */
  public static WebhookEndpointId random() {
    return new WebhookEndpointId(UUID.randomUUID());
  }

  /**
   * Parses the text form.
   *
   * @throws InvalidInputException {@code id.invalid} if {@code text} is not a UUID
   */
  public static WebhookEndpointId parse(String text) {
    try {
      return new WebhookEndpointId(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("id.invalid", "id", "Not a webhook endpoint id.");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
