package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.QuotaKind;
import dev.accesslink.core.domain.QuotaLimits;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One channel's quota usage.
 *
 * @param channel the channel
 * @param kind what is counted
 * @param used units in use now
 * @param limit the limit ({@link QuotaLimits#UNLIMITED} for none)
 * @param resetsAt for a monthly quota, the start of next month in the organization's zone
 */
public record ChannelQuotaUsage(
    DeliveryChannel channel, QuotaKind kind, long used, long limit, @Nullable Instant resetsAt) {

  /** True when no limit applies. */
  public boolean unlimited() {
    return limit == QuotaLimits.UNLIMITED;
  }

  /** Units still free (never negative; {@link Long#MAX_VALUE} when unlimited). */
  public long remaining() {
    return unlimited() ? Long.MAX_VALUE : Math.max(0, limit - used);
  }

  /** When a monthly quota resets. */
  public Optional<Instant> resets() {
    return Optional.ofNullable(resetsAt);
  }
}
