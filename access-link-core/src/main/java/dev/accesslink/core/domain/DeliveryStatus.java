package dev.accesslink.core.domain;

/** Where a link's delivery stands. */
public enum DeliveryStatus {
  /** MANUAL links are not delivered. */
  NOT_REQUIRED,
  /** Waiting for its first attempt or for a retry. */
  PENDING,
  /** The provider accepted the message. */
  SENT,
  /** Rejected for good, or retries ran out; the link was revoked and its quota given back. */
  FAILED
}
