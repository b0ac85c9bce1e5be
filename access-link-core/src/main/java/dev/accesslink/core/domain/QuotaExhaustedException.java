package dev.accesslink.core.domain;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The organization has used its whole quota for a channel. Code {@code quota.exhausted}.
 *
 * <p>Carries the figures a person needs: how many are used, the limit, and for a monthly quota
 * (SMS) the instant the month resets.
 */
public final class QuotaExhaustedException extends AccessLinkException {
  private static final long serialVersionUID = 1L;

  private final DeliveryChannel channel;
  private final long used;
  private final long limit;
  private final @Nullable Instant resetsAt;

  public QuotaExhaustedException(
      DeliveryChannel channel, long used, long limit, @Nullable Instant resetsAt) {
    super("quota.exhausted", message(channel, used, limit, resetsAt));
    this.channel = channel;
    this.used = used;
    this.limit = limit;
    this.resetsAt = resetsAt;
  }

  private static String message(
      DeliveryChannel channel, long used, long limit, @Nullable Instant resetsAt) {
    String base =
        channel.quotaKind() == QuotaKind.LIVE_LINKS
            ? "The " + channel + " quota is used up: " + used + " of " + limit
                + " links exist at the same time. Revoke a link or ask for a higher quota."
            : "The " + channel + " quota is used up: " + used + " of " + limit
                + " links were created this month.";
    return resetsAt == null ? base : base + " It resets at " + resetsAt + ".";
  }

  public DeliveryChannel channel() {
    return channel;
  }

  public long used() {
    return used;
  }

  public long limit() {
    return limit;
  }

  /** When a monthly quota starts again; empty for a quota of live links. */
  public Optional<Instant> resetsAt() {
    return Optional.ofNullable(resetsAt);
  }
}
