package dev.accesslink.core.domain;

/** What a channel's quota counts. */
public enum QuotaKind {
  /**
   * Links existing at the same time: a link counts from creation until it is revoked or its
   * {@code validUntil} has passed.
   */
  LIVE_LINKS,
  /**
   * Links created in a calendar month (in the organization's zone). Revoking does not give one
   * back; a delivery the provider rejected for good does.
   */
  CREATED_PER_MONTH
}
