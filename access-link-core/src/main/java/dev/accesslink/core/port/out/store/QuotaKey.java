package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.QuotaKind;
import java.time.YearMonth;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Names one quota counter: an organization's channel, and for a monthly quota the month.
 *
 * @param organization the organization
 * @param channel the channel; its {@link DeliveryChannel#quotaKind()} says what is counted
 * @param month the calendar month (in the organization's zone) for a {@link
 *     QuotaKind#CREATED_PER_MONTH} quota; {@code null} for a {@link QuotaKind#LIVE_LINKS} quota
 */
public record QuotaKey(OrganizationId organization, DeliveryChannel channel, @Nullable YearMonth month) {
  public QuotaKey {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(channel, "channel");
    if ((channel.quotaKind() == QuotaKind.CREATED_PER_MONTH) != (month != null)) {
      throw new IllegalArgumentException("a month is given exactly for a monthly quota: " + channel);
    }
  }

  /** The key of a live-links quota. */
  public static QuotaKey live(OrganizationId organization, DeliveryChannel channel) {
    return new QuotaKey(organization, channel, null);
  }

  /** The key of a monthly quota. */
  public static QuotaKey monthly(OrganizationId organization, DeliveryChannel channel, YearMonth month) {
    return new QuotaKey(organization, channel, month);
  }

  /** What the quota counts. */
  public QuotaKind kind() {
    return channel.quotaKind();
  }
}
