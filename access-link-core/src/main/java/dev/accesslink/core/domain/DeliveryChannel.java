package dev.accesslink.core.domain;

/** How a link reaches its recipient. */
public enum DeliveryChannel {
  /** Sent by e-mail; the quota counts links that exist at the same time. */
  EMAIL(QuotaKind.LIVE_LINKS),
  /** Sent by text message; the quota counts links created per calendar month. */
  SMS(QuotaKind.CREATED_PER_MONTH),
  /** Shown once to the administrator, who passes it on by hand; no quota unless configured. */
  MANUAL(QuotaKind.LIVE_LINKS);

  private final QuotaKind quotaKind;

  DeliveryChannel(QuotaKind quotaKind) {
    this.quotaKind = quotaKind;
  }

  /** What this channel's quota counts. */
  public QuotaKind quotaKind() {
    return quotaKind;
  }

  /** True for channels that deliver a message (EMAIL, SMS); false for MANUAL. */
  public boolean delivers() {
    return this != MANUAL;
  }
}
