package dev.accesslink.core.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The events a webhook endpoint can subscribe to, each announcing one {@link AccessEventType} of
 * the audit log. The mapping is this enum: to announce a new kind of audit event, add a constant
 * naming its wire name and its audit type (the stores subscribe by audit type, so nothing else
 * changes). Audit events without a constant here (retries scheduled, quota and organization
 * changes, unknown unlock outcomes, endpoint disablement) are not sent as webhooks.
 */
public enum WebhookEventType {
  /** A link was created ({@link AccessEventType#LINK_SENT}). */
  LINK_SENT("link.sent", AccessEventType.LINK_SENT),
  /** The e-mail or SMS provider accepted the link's message ({@link AccessEventType#DELIVERY_SENT}). */
  LINK_DELIVERED("link.delivered", AccessEventType.DELIVERY_SENT),
  /** The delivery failed for good and the link was revoked ({@link AccessEventType#DELIVERY_FAILED}). */
  LINK_DELIVERY_FAILED("link.delivery_failed", AccessEventType.DELIVERY_FAILED),
  /** An administrator revoked the link ({@link AccessEventType#LINK_REVOKED}). */
  LINK_REVOKED("link.revoked", AccessEventType.LINK_REVOKED),
  /** The link's window ended, once per link ({@link AccessEventType#LINK_EXPIRED}). */
  LINK_EXPIRED("link.expired", AccessEventType.LINK_EXPIRED),
  /** A link holder opened a door ({@link AccessEventType#DOOR_UNLOCKED}). */
  DOOR_UNLOCKED("door.unlocked", AccessEventType.DOOR_UNLOCKED),
  /** A link holder was refused ({@link AccessEventType#UNLOCK_REFUSED}). */
  DOOR_UNLOCK_REFUSED("door.unlock_refused", AccessEventType.UNLOCK_REFUSED),
  /** The door did not answer in time ({@link AccessEventType#DOOR_UNREACHABLE}). */
  DOOR_UNREACHABLE("door.unreachable", AccessEventType.DOOR_UNREACHABLE),
  /**
   * An administrator resent an e-mail or SMS link: a new secret, the earlier ones dead ({@link
   * AccessEventType#LINK_RESENT}).
   */
  LINK_RESENT("link.resent", AccessEventType.LINK_RESENT),
  /** An administrator rotated a MANUAL link's secret ({@link AccessEventType#LINK_ROTATED}). */
  LINK_ROTATED("link.rotated", AccessEventType.LINK_ROTATED),
  /**
   * An administrator changed the link's validity window; the detail has it before and after
   * ({@link AccessEventType#LINK_WINDOW_CHANGED}).
   */
  LINK_WINDOW_CHANGED("link.window_changed", AccessEventType.LINK_WINDOW_CHANGED),
  /**
   * The provider reported after accepting the message that it was not delivered; the link was
   * revoked ({@link AccessEventType#DELIVERY_REPORTED_FAILED}).
   */
  LINK_DELIVERY_REPORTED_FAILED("link.delivery_reported_failed", AccessEventType.DELIVERY_REPORTED_FAILED);

  private final String wireName;
  private final AccessEventType auditType;

  WebhookEventType(String wireName, AccessEventType auditType) {
    this.wireName = wireName;
    this.auditType = auditType;
  }

  /** The name in the webhook's {@code type} field and in subscriptions, e.g. {@code link.sent}. */
  public String wireName() {
    return wireName;
  }

  /** The audit event type this webhook event announces. */
  public AccessEventType auditType() {
    return auditType;
  }

  /** The webhook event announcing {@code type}, or empty when that audit type is not sent. */
  public static Optional<WebhookEventType> announcing(AccessEventType type) {
    for (WebhookEventType t : values()) {
      if (t.auditType == type) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The event types named by {@code wireNames}.
   *
   * @throws InvalidInputException {@code webhook.events.required} for none, {@code
   *     webhook.events.unknown} for a name that is not a {@link #wireName()}
   */
  public static Set<WebhookEventType> parseAll(List<String> wireNames) {
    if (wireNames.isEmpty()) {
      throw new InvalidInputException("webhook.events.required", "events",
          "Choose at least one event type, e.g. \"link.sent\".");
    }
    Set<WebhookEventType> out = EnumSet.noneOf(WebhookEventType.class);
    for (String name : wireNames) {
      out.add(parse(name));
    }
    return out;
  }

  /**
   * The event type with this wire name.
   *
   * @throws InvalidInputException {@code webhook.events.unknown} for an unknown name
   */
  public static WebhookEventType parse(String wireName) {
    for (WebhookEventType t : values()) {
      if (t.wireName.equals(wireName)) {
        return t;
      }
    }
    List<String> known = new ArrayList<>();
    for (WebhookEventType t : values()) {
      known.add(t.wireName);
    }
    throw new InvalidInputException("webhook.events.unknown", "events",
        "Unknown event type; known types: " + String.join(", ", known) + ".");
  }
}
