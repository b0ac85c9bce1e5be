package dev.accesslink.core.domain;

/** What an audit event records. */
public enum AccessEventType {
  /** An administrator sent (created) a link. */
  LINK_SENT,
  /** The provider accepted the link's message. */
  DELIVERY_SENT,
  /** A delivery attempt failed for now; it will be retried. */
  DELIVERY_RETRY_SCHEDULED,
  /** The delivery failed for good; the link was revoked and its quota given back. */
  DELIVERY_FAILED,
  /** An administrator revoked a link. */
  LINK_REVOKED,
  /** A link holder opened a door. */
  DOOR_UNLOCKED,
  /**
   * A link holder was refused (window, revoked, wrong door, lock refused, use limit, schedule, door
   * closed to links); the detail is the {@link DenialReason}.
   */
  UNLOCK_REFUSED,
  /** The door did not answer in time. */
  DOOR_UNREACHABLE,
  /**
   * An unlock command was sent (or about to be sent) to the door, and the application stopped
   * (a crash, a power cut) before it recorded what the lock answered: the door may have opened.
   * Written when the unlock's journal intent is reconciled; the event's instant is when the
   * command was sent, its detail names the command.
   */
  UNLOCK_OUTCOME_UNKNOWN,
  /** An administrator changed the organization's quota limits. */
  QUOTA_LIMITS_CHANGED,
  /**
   * An administrator created the organization or changed its name, zone or link base URL; the
   * detail says {@code created} or {@code changed}, with the new zone and link base URL.
   */
  ORGANIZATION_SAVED,
  /**
   * An administrator changed the organization's link policy; the detail says {@code
   * maxValidityDays=..,requireExpiry=..}.
   */
  LINK_POLICY_CHANGED,
  /**
   * An administrator opened a door to access links or closed it to them; the event names the door,
   * the detail says {@code allowed} or {@code excluded}.
   */
  DOOR_LINK_ACCESS_CHANGED,
  /**
   * An administrator resent an EMAIL or SMS link: a fresh secret, every earlier one dead, a new
   * message on its way (its own DELIVERY_* events follow).
   */
  LINK_RESENT,
  /** An administrator rotated a MANUAL link's secret: a new URL, the old one dead. */
  LINK_ROTATED,
  /**
   * The provider reported, after accepting it, that the link's message was not delivered (an SMS
   * status callback {@code undelivered} or {@code failed}): the link was revoked and its quota unit
   * given back. The detail is the provider's reason.
   */
  DELIVERY_REPORTED_FAILED,
  /**
   * An administrator changed a link's validity window; the detail gives the window before and
   * after ({@code validFrom} and {@code validUntil}, ISO-8601, {@code -} for none).
   */
  LINK_WINDOW_CHANGED,
  /**
   * A link's validity window ended while it was not revoked. Written once per link, shortly after
   * {@code validUntil}, by the webhook dispatcher's sweep ({@link
   * dev.accesslink.core.port.out.WebhookOutbox#recordExpiries}); credited to the system.
   */
  LINK_EXPIRED,
  /**
   * The library disabled a webhook endpoint because one of its events kept failing for the whole
   * retry period; the detail names the endpoint and the last error.
   */
  WEBHOOK_ENDPOINT_DISABLED
}
